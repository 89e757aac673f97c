// The decisions the infrastructure-as-code, Kubernetes and fleet tables make, as whole risk levels
// through the real walker. Each row is a judgement written down: if one changes, the change is
// deliberate and shows up here.
import { test } from 'node:test';
import { checkRisks, loadWalker } from './risk-rows.js';

loadWalker();

const check = checkRisks;

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

test('pruning, rebuilding and stopping by flag', () => {
  check([
    ["oc adm prune images --confirm", 'destructive'],
    ["oc adm prune images", 'readonly'],
    ["terragrunt run --all -- apply -auto-approve", 'destructive'],
    ["kubectl apply -f k8s/ --prune=false", 'mutating'],
    ["argo delete --all -n ci", 'destructive'],
  ]);
});
