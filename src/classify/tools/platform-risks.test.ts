// The decisions the platform tables make, as whole risk levels through the real walker. Each row is
// a judgement written down: if one changes, the change is deliberate and shows up here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Risk } from '../../core/index.js';
import { classifyShell, initShell } from '../shell/index.js';
import { initSql } from '../sql/index.js';

before(async () => {
  await initShell();
  await initSql();
});

function check(rows: readonly (readonly [string, Risk])[]): void {
  const actual = rows.map(([cmd]) => [cmd, classifyShell(cmd).risk]);
  assert.deepEqual(actual, rows.map(([cmd, r]) => [cmd, r]));
}

test('AWS: the operation verb decides; s3 has its own deletes; dry runs and help read', () => {
  check([
    ["aws s3 ls s3://acme-backups/ --recursive", 'readonly'],
    ["aws s3 cp ./dist s3://acme-web/ --recursive", 'mutating'],
    ["aws s3 mv s3://acme-in/a.csv s3://acme-done/a.csv", 'mutating'],
    ["aws s3 rm s3://acme-in/a.csv", 'destructive'],
    ["aws s3 rm s3://acme-in/ --recursive --dryrun", 'readonly'],
    ["aws s3 sync s3://acme-web ./mirror --delete", 'destructive'],
    ["aws s3 rb s3://acme-old", 'destructive'],
    ["aws s3 mb s3://acme-new", 'mutating'],
    ["aws s3api put-bucket-versioning --bucket acme --versioning-configuration Status=Enabled", 'mutating'],
    ["aws s3api delete-bucket-lifecycle --bucket acme", 'destructive'],
    ["aws --profile prod --region us-east-1 ec2 describe-security-groups", 'readonly'],
    ["aws ec2 run-instances --image-id ami-1 --instance-type t3.micro", 'mutating'],
    ["aws ec2 terminate-instances --instance-ids i-1 i-2", 'destructive'],
    ["aws ec2 stop-instances --instance-ids i-1", 'destructive'],
    ["aws ec2 start-instances --instance-ids i-1", 'mutating'],
    ["aws ec2 reboot-instances --instance-ids i-1", 'mutating'],
    ["aws ec2 delete-snapshot --snapshot-id snap-1 --dry-run", 'readonly'],
    ["aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 0.0.0.0/0", 'destructive'],
    ["aws ec2 release-address --allocation-id eipalloc-1", 'destructive'],
    ["aws ec2 create-tags --resources i-1 --tags Key=env,Value=prod", 'mutating'],
    ["aws ec2 delete-tags --resources i-1 --tags Key=env", 'mutating'],
    ["aws rds delete-db-cluster --db-cluster-identifier orders --skip-final-snapshot", 'destructive'],
    ["aws rds create-db-snapshot --db-instance-identifier orders --db-snapshot-identifier pre-upgrade", 'mutating'],
    ["aws rds modify-db-instance --db-instance-identifier orders --allocated-storage 200 --apply-immediately", 'mutating'],
    ["aws dynamodb delete-table --table-name sessions", 'destructive'],
    ["aws dynamodb scan --table-name sessions --max-items 5", 'readonly'],
    ["aws dynamodb put-item --table-name sessions --item file://item.json", 'mutating'],
    ["aws lambda invoke --function-name resize out.json", 'mutating'],
    ["aws lambda update-function-code --function-name resize --zip-file fileb://f.zip", 'mutating'],
    ["aws lambda delete-function --function-name resize", 'destructive'],
    ["aws lambda put-function-concurrency --function-name resize --reserved-concurrent-executions 0", 'destructive'],
    ["aws iam delete-user --user-name contractor", 'destructive'],
    ["aws iam list-attached-role-policies --role-name deploy", 'readonly'],
    ["aws iam detach-role-policy --role-name deploy --policy-arn arn:aws:iam::aws:policy/ReadOnly", 'mutating'],
    ["aws kms schedule-key-deletion --key-id k-1 --pending-window-in-days 7", 'destructive'],
    ["aws kms decrypt --ciphertext-blob fileb://c.bin", 'readonly'],
    ["aws cloudformation deploy --template-file t.yml --stack-name web", 'mutating'],
    ["aws cloudformation deploy --template-file t.yml --stack-name web --no-execute-changeset", 'readonly'],
    ["aws cloudformation delete-stack --stack-name web", 'destructive'],
    ["aws cloudformation describe-stack-events --stack-name web", 'readonly'],
    ["aws eks delete-cluster --name prod", 'destructive'],
    ["aws eks update-kubeconfig --name prod", 'mutating'],
    ["aws ecs update-service --cluster prod --service api --desired-count 0", 'destructive'],
    ["aws ecs update-service --cluster prod --service api --force-new-deployment", 'mutating'],
    ["aws logs tail /aws/lambda/resize --follow", 'readonly'],
    ["aws sts get-caller-identity", 'readonly'],
    ["aws ec2 help", 'readonly'],
    ["aws s3 help", 'readonly'],
    ["aws ec2 describe-instances help", 'readonly'],
    ["aws ssm delete-parameter --name /prod/db/password", 'destructive'],
    ["aws ssm get-parameters-by-path --path /prod --with-decryption", 'readonly'],
    ["aws ssm put-parameter --name /prod/flag --value on --type String --overwrite", 'destructive'],
    ["aws secretsmanager rotate-secret --secret-id prod/db", 'mutating'],
    ["aws secretsmanager restore-secret --secret-id prod/db", 'mutating'],
    ["aws route53 list-resource-record-sets --hosted-zone-id Z1", 'readonly'],
    ["aws elbv2 deregister-targets --target-group-arn arn:tg --targets Id=i-1", 'destructive'],
    ["aws configure list", 'readonly'],
    ["aws configure set region us-east-1", 'mutating'],
  ]);
});

test('Google Cloud: gcloud verbs and gsutil', () => {
  check([
    ["gcloud compute instances list", 'readonly'],
    ["gcloud compute instances create web-2 --zone us-east1-b", 'mutating'],
    ["gcloud compute instances delete web-2 --zone us-east1-b --quiet", 'destructive'],
    ["gcloud compute disks snapshot data-1 --zone us-east1-b", 'mutating'],
    ["gcloud container clusters delete prod --region us-central1", 'destructive'],
    ["gcloud container clusters get-credentials prod --region us-central1", 'mutating'],
    ["gcloud sql instances patch orders --tier db-custom-2-7680", 'mutating'],
    ["gcloud sql databases delete orders --instance prod-sql", 'destructive'],
    ["gcloud sql backups restore 1700 --restore-instance orders", 'destructive'],
    ["gcloud sql instances restore-backup orders --backup-id 1700", 'destructive'],
    ["gcloud run services delete api --region us-central1", 'destructive'],
    ["gcloud run services list", 'readonly'],
    ["gcloud run deploy api --image gcr.io/acme/api:2", 'mutating'],
    ["gcloud functions delete resize --region us-central1", 'destructive'],
    ["gcloud iam service-accounts keys delete k1 --iam-account ci@acme.iam.gserviceaccount.com", 'destructive'],
    ["gcloud projects remove-iam-policy-binding acme --member user:a@example.org --role roles/owner", 'destructive'],
    ["gcloud projects add-iam-policy-binding acme --member user:a@example.org --role roles/viewer", 'mutating'],
    ["gcloud services disable compute.googleapis.com", 'destructive'],
    ["gcloud services enable compute.googleapis.com", 'mutating'],
    ["gcloud secrets versions destroy 3 --secret db-pass", 'destructive'],
    ["gcloud secrets versions access latest --secret db-pass", 'readonly'],
    ["gcloud secrets delete db-pass", 'destructive'],
    ["gcloud pubsub topics delete orders", 'destructive'],
    ["gcloud config set project acme", 'mutating'],
    ["gcloud auth list", 'readonly'],
    ["gcloud beta compute instances delete web-3", 'destructive'],
    ["gcloud storage cp ./a.txt gs://acme-in/", 'mutating'],
    ["gcloud storage rm --recursive gs://acme-tmp", 'destructive'],
    ["gcloud compute ssh web-1 --command \"sudo systemctl stop nginx\"", 'destructive'],
    ["gcloud app versions stop v1", 'destructive'],
    ["gsutil cp a.txt gs://acme-in/", 'mutating'],
    ["gsutil rm gs://acme-in/a.txt", 'destructive'],
    ["gsutil -m rsync -r ./site gs://acme-www", 'mutating'],
    ["gsutil lifecycle get gs://acme-in", 'readonly'],
  ]);
});

test('Azure: az verbs and azcopy', () => {
  check([
    ["az group list", 'readonly'],
    ["az group delete --name acme-dev --yes --no-wait", 'destructive'],
    ["az vm stop -g prod -n web-1", 'destructive'],
    ["az vm restart -g prod -n web-1", 'mutating'],
    ["az vm start -g prod -n web-1", 'mutating'],
    ["az webapp deployment slot swap -g prod -n shop --slot staging", 'mutating'],
    ["az sql db delete -g prod -s sqlsrv -n orders --yes", 'destructive'],
    ["az keyvault secret show --vault-name acme-kv -n db-pass", 'readonly'],
    ["az keyvault secret set --vault-name acme-kv -n db-pass --value x", 'mutating'],
    ["az keyvault secret delete --vault-name acme-kv -n db-pass", 'destructive'],
    ["az aks get-credentials -g prod -n aks1", 'mutating'],
    ["az aks delete -g prod -n aks1 --yes", 'destructive'],
    ["az aks nodepool scale -g prod --cluster-name aks1 -n np1 --node-count 0", 'destructive'],
    ["az role assignment delete --assignee a@example.org --role Owner", 'destructive'],
    ["az storage blob upload -c in -f a.txt -n a.txt", 'mutating'],
    ["az account show", 'readonly'],
    ["azcopy copy ./site \"https://acme.blob.core.windows.net/www\" --recursive", 'mutating'],
    ["azcopy sync ./site \"https://acme.blob.core.windows.net/www\" --delete-destination true", 'destructive'],
    ["azcopy rm \"https://acme.blob.core.windows.net/www/old\" --recursive", 'destructive'],
  ]);
});

test('Terraform, OpenTofu, Terragrunt: confirmation removed, replace and state loss are destructive; a saved plan is unseen', () => {
  check([
    ["terraform init", 'mutating'],
    ["terraform plan", 'readonly'],
    ["terraform plan -destroy -out=destroy.plan", 'readonly'],
    ["terraform apply", 'mutating'],
    ["terraform apply -auto-approve", 'destructive'],
    ["terraform apply -auto-approve -refresh-only", 'mutating'],
    ["terraform apply destroy.plan", 'unknown'],
    ["terraform apply -replace=\"aws_instance.web\"", 'destructive'],
    ["terraform destroy -auto-approve", 'destructive'],
    ["terraform -chdir=envs/prod destroy", 'destructive'],
    ["terraform state rm aws_s3_bucket.logs", 'destructive'],
    ["terraform state mv aws_s3_bucket.a aws_s3_bucket.b", 'mutating'],
    ["terraform state show aws_s3_bucket.logs", 'readonly'],
    ["terraform import aws_s3_bucket.logs acme-logs", 'mutating'],
    ["terraform taint aws_instance.web", 'destructive'],
    ["terraform untaint aws_instance.web", 'mutating'],
    ["terraform workspace delete feature-x", 'destructive'],
    ["terraform workspace select prod", 'mutating'],
    ["terraform workspace list", 'readonly'],
    ["terraform fmt -recursive", 'mutating'],
    ["terraform fmt -check", 'readonly'],
    ["terraform output -json", 'readonly'],
    ["terraform version", 'readonly'],
    ["terraform force-unlock 9a8b", 'destructive'],
    ["tofu apply -auto-approve", 'destructive'],
    ["tofu plan", 'readonly'],
    ["terragrunt run-all plan", 'readonly'],
    ["terragrunt run-all apply", 'mutating'],
    ["terragrunt run-all apply --terragrunt-non-interactive", 'destructive'],
    ["terragrunt destroy", 'destructive'],
    ["echo yes | terraform apply", 'destructive'],
  ]);
});

test('Pulumi, CDK and SAM', () => {
  check([
    ["pulumi preview", 'readonly'],
    ["pulumi up", 'mutating'],
    ["pulumi up --yes", 'destructive'],
    ["pulumi up -y --stack prod", 'destructive'],
    ["pulumi destroy", 'destructive'],
    ["pulumi stack rm dev --yes", 'destructive'],
    ["pulumi stack ls", 'readonly'],
    ["pulumi refresh", 'mutating'],
    ["pulumi config set aws:region us-east-1", 'mutating'],
    ["cdk diff", 'readonly'],
    ["cdk synth", 'readonly'],
    ["cdk deploy", 'mutating'],
    ["cdk deploy --require-approval never", 'destructive'],
    ["cdk destroy --all --force", 'destructive'],
    ["cdk bootstrap", 'mutating'],
    ["sam deploy --guided", 'mutating'],
    ["sam delete --stack-name api", 'destructive'],
  ]);
});

test('Kubernetes: kubectl, oc, kustomize; a command run in a pod is judged as itself', () => {
  check([
    ["kubectl get pods -n prod", 'readonly'],
    ["kubectl describe node node-1", 'readonly'],
    ["kubectl logs -f deploy/api", 'readonly'],
    ["kubectl top pods", 'readonly'],
    ["kubectl apply -f deploy.yaml", 'mutating'],
    ["kubectl apply -k overlays/prod", 'mutating'],
    ["kubectl apply -f deploy.yaml --prune --all", 'destructive'],
    ["kubectl delete -f deploy.yaml", 'destructive'],
    ["kubectl delete pod web-1 --grace-period=0 --force", 'destructive'],
    ["kubectl delete namespace staging --dry-run=client", 'readonly'],
    ["kubectl -n prod delete secret api-tls", 'destructive'],
    ["kubectl scale deployment api --replicas=0", 'destructive'],
    ["kubectl scale deployment api --replicas 0", 'destructive'],
    ["kubectl scale deployment api --replicas=5", 'mutating'],
    ["kubectl rollout restart deployment/api", 'mutating'],
    ["kubectl rollout undo deployment/api", 'mutating'],
    ["kubectl rollout status deployment/api", 'readonly'],
    ["kubectl cordon node-1", 'mutating'],
    ["kubectl uncordon node-1", 'mutating'],
    ["kubectl drain node-1 --ignore-daemonsets", 'destructive'],
    ["kubectl edit deployment api", 'mutating'],
    ["kubectl patch deployment api -p '{\"spec\":{\"replicas\":2}}'", 'mutating'],
    ["kubectl label pod web-1 tier=frontend", 'mutating'],
    ["kubectl replace --force -f pod.yaml", 'destructive'],
    ["kubectl create namespace tools", 'mutating'],
    ["kubectl exec web-1 -- ls /app", 'readonly'],
    ["kubectl exec web-1 -- rm -rf /var/lib/postgresql/data", 'destructive'],
    ["kubectl exec -it web-1 -- sh -c \"rm -rf /data/*\"", 'destructive'],
    ["kubectl exec -n prod deploy/pg -- psql -c \"DROP TABLE orders\"", 'destructive'],
    ["kubectl config use-context prod", 'mutating'],
    ["kubectl config get-contexts", 'readonly'],
    ["kubectl diff -f deploy.yaml", 'readonly'],
    ["kubectl port-forward svc/api 8080:80", 'readonly'],
    ["kubectl cp web-1:/app/log.txt ./log.txt", 'mutating'],
    ["kubectl --context prod -n payments delete deploy api", 'destructive'],
    ["kubectl delete pvc --all -n staging", 'destructive'],
    ["kubectl auth can-i delete pods", 'readonly'],
    ["kubectl version --client", 'readonly'],
    ["oc get pods", 'readonly'],
    ["oc delete project payments", 'destructive'],
    ["oc adm drain node-2 --ignore-daemonsets", 'destructive'],
    ["oc new-app nginx", 'mutating'],
    ["kustomize build overlays/prod", 'readonly'],
    ["kustomize edit set image api=acme/api:3", 'mutating'],
  ]);
});

test('Helm and helmfile', () => {
  check([
    ["helm list -A", 'readonly'],
    ["helm install api ./chart -n prod", 'mutating'],
    ["helm upgrade --install api ./chart -n prod -f values.yaml", 'mutating'],
    ["helm upgrade api ./chart --force", 'destructive'],
    ["helm uninstall api -n prod", 'destructive'],
    ["helm uninstall api --dry-run", 'readonly'],
    ["helm rollback api 2", 'mutating'],
    ["helm template api ./chart", 'readonly'],
    ["helm repo add bitnami https://charts.bitnami.com/bitnami", 'mutating'],
    ["helm repo update", 'mutating'],
    ["helm get values api", 'readonly'],
    ["helmfile destroy", 'destructive'],
    ["helmfile apply", 'mutating'],
  ]);
});

test('Secrets managers: vault, doppler, op, infisical, bw, chamber', () => {
  check([
    ["vault kv get secret/app", 'readonly'],
    ["vault kv put secret/app key=value", 'mutating'],
    ["vault kv patch secret/app key=value", 'mutating'],
    ["vault kv delete secret/app", 'destructive'],
    ["vault kv undelete -versions=3 secret/app", 'mutating'],
    ["vault kv destroy -versions=3 secret/app", 'destructive'],
    ["vault kv metadata delete secret/app", 'destructive'],
    ["vault kv metadata get secret/app", 'readonly'],
    ["vault read database/creds/readonly", 'readonly'],
    ["vault write auth/userpass/users/ada password=x", 'mutating'],
    ["vault delete auth/userpass/users/ada", 'destructive'],
    ["vault secrets enable -path=kv2 kv-v2", 'mutating'],
    ["vault secrets disable kv2/", 'destructive'],
    ["vault auth disable userpass", 'destructive'],
    ["vault audit disable file/", 'destructive'],
    ["vault token create -policy=ci", 'mutating'],
    ["vault token revoke -self", 'destructive'],
    ["vault lease revoke -prefix aws/creds/", 'destructive'],
    ["vault policy write ci ci.hcl", 'mutating'],
    ["vault policy delete ci", 'destructive'],
    ["vault operator seal", 'destructive'],
    ["vault operator unseal", 'mutating'],
    ["vault operator raft snapshot save backup.snap", 'mutating'],
    ["vault operator raft snapshot restore backup.snap", 'destructive'],
    ["vault login -method=oidc", 'mutating'],
    ["vault status", 'readonly'],
    ["doppler secrets", 'readonly'],
    ["doppler secrets get API_KEY --plain", 'readonly'],
    ["doppler secrets set API_KEY=x", 'mutating'],
    ["doppler secrets delete API_KEY -y", 'destructive'],
    ["doppler run -- npm start", 'mutating'],
    ["doppler run -- rm -rf /srv/data", 'destructive'],
    ["doppler configs tokens revoke ci-token", 'destructive'],
    ["op item get \"AWS prod\" --fields password", 'readonly'],
    ["op item create --category=login --title=GitHub", 'mutating'],
    ["op item edit \"AWS prod\" password=x", 'mutating'],
    ["op item delete \"AWS prod\"", 'destructive'],
    ["op item delete \"AWS prod\" --archive", 'mutating'],
    ["op vault delete Marketing", 'destructive'],
    ["op run -- terraform apply -auto-approve", 'destructive'],
    ["op read op://Ops/db/password", 'readonly'],
    ["op inject -i tpl.env -o .env", 'readonly'],
    ["infisical secrets delete API_KEY --env=prod", 'destructive'],
    ["bw delete item 99", 'destructive'],
    ["chamber delete api db_password", 'destructive'],
  ]);
});

test('wrappers, pipelines and nesting reach the platform tables', () => {
  check([
    ["sudo kubectl delete ns payments", 'destructive'],
    ["AWS_PROFILE=prod aws s3 rm s3://acme-logs --recursive", 'destructive'],
    ["timeout 600 terraform destroy -auto-approve", 'destructive'],
    ["kubectl --namespace=prod delete deploy api", 'destructive'],
    ["kubectl get pods -o name | xargs kubectl delete", 'destructive'],
    ["kubectl get pods -o name | grep old | xargs -n1 kubectl describe", 'readonly'],
    ["env KUBECONFIG=~/.kube/prod kubectl get nodes", 'readonly'],
    ["for ns in a b; do kubectl delete ns $ns; done", 'destructive'],
    ["echo \"kubectl delete ns prod\"", 'readonly'],
    ["grep -r \"terraform destroy\" docs/", 'readonly'],
    ["bash -c \"aws ec2 terminate-instances --instance-ids i-1\"", 'destructive'],
    ["ssh bastion 'kubectl delete pod web-1'", 'destructive'],
    ["watch kubectl get pods", 'readonly'],
    ["aws s3 ls s3://acme | grep 2023 | awk '{print $4}' | xargs -I{} aws s3 rm s3://acme/{}", 'destructive'],
    ["curl -s https://api.example.org/v1/items | jq '.items[].id'", 'readonly'],
  ]);
});

test('hosting platforms: heroku, fly, vercel, netlify, railway, firebase', () => {
  check([
    ["heroku apps:destroy shop --confirm shop", 'destructive'],
    ["heroku pg:reset DATABASE_URL --confirm shop", 'destructive'],
    ["heroku ps:scale web=0 -a shop", 'destructive'],
    ["heroku ps:scale web=2 -a shop", 'mutating'],
    ["heroku logs --tail -a shop", 'readonly'],
    ["heroku config:set DEBUG=1 -a shop", 'mutating'],
    ["heroku run rails db:drop -a shop", 'destructive'],
    ["heroku run \"rm -rf /app/storage\" -a shop", 'destructive'],
    ["heroku pg:psql -a shop -c \"DROP TABLE orders\"", 'destructive'],
    ["fly apps destroy shop --yes", 'destructive'],
    ["fly deploy", 'mutating'],
    ["fly status", 'readonly'],
    ["fly scale count 0", 'destructive'],
    ["vercel rm shop --yes", 'destructive'],
    ["vercel --prod", 'mutating'],
    ["vercel env rm STRIPE_KEY production", 'destructive'],
    ["vercel env ls", 'readonly'],
    ["netlify sites:delete 123 --force", 'destructive'],
    ["netlify deploy --prod", 'mutating'],
    ["railway down", 'destructive'],
    ["railway up", 'mutating'],
    ["firebase firestore:delete --all-collections", 'destructive'],
    ["firebase deploy --only functions", 'mutating'],
  ]);
});

test('database platforms: supabase, neon, planetscale, turso, bq', () => {
  check([
    ["supabase db reset", 'destructive'],
    ["supabase db push", 'mutating'],
    ["supabase status", 'readonly'],
    ["neonctl branches delete dev", 'destructive'],
    ["pscale branch delete shop dev", 'destructive'],
    ["turso db destroy shop", 'destructive'],
    ["bq rm -r -f shop", 'destructive'],
    ["bq query \"SELECT count(*) FROM shop.orders\"", 'readonly'],
    ["bq query --use_legacy_sql=false \"DROP TABLE shop.orders\"", 'destructive'],
    ["bq ls", 'readonly'],
  ]);
});

test('smaller clouds and deploy tools', () => {
  check([
    ["doctl compute droplet delete web-1 --force", 'destructive'],
    ["doctl compute droplet list", 'readonly'],
    ["doctl databases create shop --engine pg", 'mutating'],
    ["linode-cli linodes delete 123", 'destructive'],
    ["hcloud server delete web-1", 'destructive'],
    ["oci os bucket delete --bucket-name logs --force", 'destructive'],
    ["cf delete shop -f", 'destructive'],
    ["cf push shop", 'mutating'],
    ["eksctl delete cluster --name prod", 'destructive'],
    ["eksctl get clusters", 'readonly'],
    ["serverless remove --stage prod", 'destructive'],
    ["sls deploy --stage prod", 'mutating'],
    ["eb terminate shop-prod", 'destructive'],
    ["copilot app delete", 'destructive'],
  ]);
});

test('Kubernetes ecosystem and Nomad', () => {
  check([
    ["argocd app delete shop", 'destructive'],
    ["argocd app sync shop", 'mutating'],
    ["argocd app sync shop --prune", 'destructive'],
    ["argocd app list", 'readonly'],
    ["flux delete kustomization apps", 'destructive'],
    ["flux get all", 'readonly'],
    ["istioctl uninstall --purge", 'destructive'],
    ["skaffold delete", 'destructive'],
    ["skaffold dev", 'mutating'],
    ["kind delete cluster", 'mutating'],
    ["minikube delete --all", 'mutating'],
    ["minikube kubectl -- delete ns shop", 'destructive'],
    ["nomad job stop shop", 'destructive'],
    ["nomad job run shop.hcl", 'mutating'],
    ["nomad status", 'readonly'],
  ]);
});

test('key and password stores on the machine, and removing an app secret', () => {
  check([
    ["heroku config:unset STRIPE_KEY -a shop", 'destructive'],
    ["gpg --delete-secret-keys 3AA5C34371567BD2", 'destructive'],
    ["gpg --list-secret-keys", 'readonly'],
    ["gpg --import ops.asc", 'mutating'],
    ["gpg -e -r ops@example.org notes.txt", 'mutating'],
    ["pass rm -r work", 'destructive'],
    ["pass show work/aws", 'readonly'],
    ["pass", 'readonly'],
    ["gopass delete shop/stripe", 'destructive'],
    ["security delete-generic-password -s ci-token", 'destructive'],
    ["security find-internet-password -s github.com", 'readonly'],
    ["keytool -delete -alias ca -keystore trust.jks", 'destructive'],
    ["keytool -list -keystore trust.jks", 'readonly'],
    ["certbot revoke --cert-name shop.example.org", 'destructive'],
    ["certbot renew --dry-run", 'readonly'],
    ["certbot renew", 'mutating'],
    ["aws-vault exec prod -- terraform destroy", 'destructive'],
    ["aws-vault exec prod -- aws s3 ls", 'readonly'],
    ["aws-vault remove prod", 'destructive'],
    ["sops -d secrets.enc.yaml", 'readonly'],
    ["sops secrets.enc.yaml", 'mutating'],
    ["sops exec-env secrets.enc.yaml 'kubectl delete ns shop'", 'destructive'],
    ["akeyless delete-item --name /prod/db", 'destructive'],
  ]);
});

test('fleet configuration (ansible, salt, knife) and node runtimes (crictl, ctr)', () => {
  check([
    ["ansible web -m shell -a 'rm -rf /srv/app/releases/*'", 'destructive'],
    ["ansible web -a 'df -h'", 'readonly'],
    ["ansible all -m ping", 'readonly'],
    ["ansible db -m file -a 'path=/var/lib/postgresql state=absent' -b", 'destructive'],
    ["ansible db -m file -a 'path=/var/lib/postgresql state=absent' -b --check", 'readonly'],
    ["ansible web -m apt -a 'name=nginx state=absent' -b", 'mutating'],
    ["ansible web -m service -a 'name=nginx state=restarted'", 'mutating'],
    ["ansible web -m service -a 'name=nginx state=stopped'", 'destructive'],
    ["ansible-playbook -i prod site.yml", 'mutating'],
    ["ansible-playbook -i prod site.yml --check", 'readonly'],
    ["salt '*' cmd.run 'rm -rf /srv/cache'", 'destructive'],
    ["salt '*' test.ping", 'readonly'],
    ["salt '*' state.apply", 'mutating'],
    ["salt '*' state.apply test=True", 'readonly'],
    ["salt '*' service.stop nginx", 'destructive'],
    ["salt-call grains.items", 'readonly'],
    ["salt-key -D -y", 'destructive'],
    ["knife node delete web-1 -y", 'destructive'],
    ["knife ssh 'role:web' 'sudo rm -rf /srv/data'", 'destructive'],
    ["crictl rm -f 4f2a", 'destructive'],
    ["crictl ps", 'readonly'],
    ["crictl rmi --prune", 'mutating'],
    ["ctr -n k8s.io images rm docker.io/library/nginx:1.25", 'mutating'],
  ]);
});

test('a subcommand or HTTP method computed at run time is unknown; a computed name is not', () => {
  check([
    ["kubectl $VERB namespace shop", 'unknown'],
    ["kubectl delete pod \"$POD\"", 'destructive'],
    ["kubectl get pods -n \"$NS\"", 'readonly'],
    ["aws ec2 \"$ACTION\" --instance-ids i-1", 'unknown'],
    ["terraform $CMD -auto-approve", 'unknown'],
    ["vault kv $ACTION secret/app", 'unknown'],
    ["flipt flag create \"$NAME\"", 'mutating'],
    ["curl -X \"$METHOD\" https://api.example.org/v1/users/1", 'unknown'],
    ["http \"$VERB\" example.org/api/items/3", 'unknown'],
    ["gcloud logging logs delete app-log", 'destructive'],
    ["az search service delete -n find-1 -g rg", 'destructive'],
  ]);
});

test('carried SQL and scripts, API paths, and local CLI set-up', () => {
  check([
    ["aws dynamodb execute-statement --statement \"DELETE FROM orders WHERE pk='a'\"", 'mutating'],
    ["aws dynamodb execute-statement --statement 'DELETE FROM \"orders\"'", 'destructive'],
    ["aws dynamodb execute-statement --statement \"SELECT * FROM orders\"", 'readonly'],
    ["aws rds-data execute-statement --resource-arn arn:db --secret-arn arn:s --sql \"TRUNCATE orders\"", 'destructive'],
    ["aws ssm send-command --document-name AWS-RunShellScript --instance-ids i-1 --parameters 'commands=[\"systemctl stop nginx\"]'", 'destructive'],
    ["aws ssm send-command --document-name AWS-RunPowerShellScript --instance-ids i-1 --parameters commands=dir", 'unknown'],
    ["gh extension remove dlvhdr/gh-dash", 'mutating'],
    ["gcloud components remove kubectl", 'mutating'],
    ["az extension remove -n aks-preview", 'mutating'],
    ["vault write -f sys/seal", 'destructive'],
    ["vault write secret/destroy/app versions=1", 'destructive'],
  ]);
});
