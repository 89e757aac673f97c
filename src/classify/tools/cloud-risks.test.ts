// The decisions the cloud CLI tables (aws, gcloud, az and smaller clouds) make, as whole risk
// levels through the real walker. Each row is a judgement written down: if one changes, the change
// is deliberate and shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

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

test('rebuilds and activation policies', () => {
  check([
    ["aws elasticbeanstalk rebuild-environment --environment-name prod", 'destructive'],
    ["gcloud sql instances patch orders --activation-policy=NEVER", 'destructive'],
  ]);
});
