// The starter policy: the lessons of the December 2025 incident, as YAML for `countersign init` and
// examples/countersign.yaml. Its examples are checked with the real classifier whenever it loads.

/** Terraform resource types whose deletion or replacement takes a whole environment, cluster,
 * network or account with it. Denied outright in production: no number of approvals makes
 * "delete and recreate the environment" a reasonable fix. */
export const ENVIRONMENT_SCALE_TYPES = [
  'aws_elastic_beanstalk_environment',
  'aws_elastic_beanstalk_application',
  'aws_ecs_cluster',
  'aws_eks_cluster',
  'aws_vpc',
  'aws_cloudformation_stack',
  'aws_organizations_account',
  'aws_organizations_organizational_unit',
  'google_container_cluster',
  'google_project',
  'google_folder',
  'google_compute_network',
  'google_app_engine_application',
  'azurerm_resource_group',
  'azurerm_kubernetes_cluster',
  'azurerm_virtual_network',
  'azurerm_app_service_environment_v3',
  'kubernetes_namespace',
  'kubernetes_namespace_v1',
];

/** Classifier findings that destroy a whole stack from the command line, whatever it holds:
 * `terraform destroy` (also `apply -destroy`, tofu, terragrunt), `pulumi destroy`, `cdk destroy`,
 * `sam delete`. */
export const STACK_DESTROY_FINDINGS = ['terraform.destroy', 'pulumi.destroy', 'cdk.destroy', 'sam.delete'];

/** Command-line deletes of environment-scale things: the classifier's finding id and its target
 * ("<service> <operation>" for aws, "<kind> <names>" for kubectl). */
export const ENVIRONMENT_SCALE_CLI = {
  findings: ['aws.delete-op', 'kubectl.delete'],
  resources: [
    'elasticbeanstalk terminate-environment',
    // "delete and recreate the environment", in one call: the December 2025 incident's own fix.
    'elasticbeanstalk rebuild-environment',
    'elasticbeanstalk delete-application',
    'cloudformation delete-stack',
    'cloudformation delete-stack-set',
    'eks delete-cluster',
    'ecs delete-cluster',
    'ec2 delete-vpc',
    'organizations close-account',
    'organizations remove-account-from-organization',
    'organizations delete-organizational-unit',
    'organizations delete-organization',
    'namespace *',
    'namespaces *',
    'ns *',
    'namespace/*',
    'namespaces/*',
    'ns/*',
    'project *',
    'all',
    'all *',
  ],
};

/** Platform CLIs whose delete findings do not name what kind of thing they delete (the classifier's
 * target is only the name): the finding ids, and the command forms that delete a cluster, project,
 * resource group, network or environment. `eb terminate` and `eksctl delete cluster` always do. */
export const PLATFORM_CLI = {
  anyDelete: ['eb.delete'],
  clusterDelete: { findings: ['eksctl.delete'], resources: ['cluster', 'cluster *'] },
  commandDelete: {
    findings: ['gcloud.delete', 'az.delete', 'doctl.delete'],
    commands: [
      '*gcloud *container clusters delete *',
      '*gcloud *projects delete *',
      '*gcloud *resource-manager folders delete *',
      '*gcloud *compute networks delete *',
      '*az group delete*',
      '*az aks delete*',
      '*az network vnet delete*',
      '*az appservice ase delete*',
      '*doctl *kubernetes cluster delete *',
      '*doctl *k8s cluster delete *',
      '*doctl *projects delete *',
      '*doctl *vpcs delete *',
    ],
  },
};

const plan = (address: string, actions: string): string => `{kind: terraform-plan, plan: {resource_changes: [{address: ${address}, change: {actions: [${actions}]}}]}}`;

export function starterPolicyYaml(): string {
  const resources = ENVIRONMENT_SCALE_TYPES.flatMap((t) => [`${t}.*`, `*.${t}.*`]);
  return `policy:
  rules:
    # --- production -------------------------------------------------------------------------
    - id: prod-never-delete-environment
      description: Deleting or replacing a production environment, cluster, network or account is never allowed
      when:
        environment: production
        effect: [delete-*, replace-*, destroy-*, terminate-*]
        resource:
${resources.map((r) => `          - "${r}"`).join('\n')}
      decide: deny
      examples:
        match:
          - {action: ${plan('aws_elastic_beanstalk_environment.prod', 'delete')}}
          - {action: ${plan('module.network.aws_vpc.main', 'delete, create')}}
          - {action: ${plan('google_container_cluster.primary', 'create, delete')}}
          - terraform apply -replace=aws_elastic_beanstalk_environment.web
        no_match:
          - {action: ${plan('aws_db_instance.main', 'delete, create')}}
          - {action: ${plan('aws_vpc.main', 'update')}}

    - id: prod-never-destroy-stack
      description: Destroying a whole production stack (terraform/pulumi/cdk destroy) is never allowed
      when:
        environment: production
        finding: [${STACK_DESTROY_FINDINGS.join(', ')}]
      decide: deny
      examples:
        match:
          - terraform destroy -auto-approve
          - terraform apply -destroy
          - pulumi destroy --yes
        no_match:
          - terraform plan -destroy
          - terraform apply -auto-approve

    - id: prod-never-terminate-environment
      description: Terminating a production environment, cluster, stack, network, account or namespace from the command line is never allowed
      when:
        environment: production
        finding: [${ENVIRONMENT_SCALE_CLI.findings.join(', ')}]
        resource:
${ENVIRONMENT_SCALE_CLI.resources.map((r) => `          - "${r}"`).join('\n')}
      decide: deny
      examples:
        match:
          - aws elasticbeanstalk terminate-environment --environment-name web-prod
          - aws cloudformation delete-stack --stack-name web
          - aws elasticbeanstalk rebuild-environment --environment-name web-prod
          - kubectl delete namespace payments
        no_match:
          - kubectl delete pod web-1
          - aws rds delete-db-instance --db-instance-identifier orders

    - id: prod-never-terminate-platform
      description: Terminating a production Elastic Beanstalk environment (eb terminate) is never allowed
      when:
        environment: production
        finding: [${PLATFORM_CLI.anyDelete.join(', ')}]
      decide: deny
      examples:
        match:
          - eb terminate --all
          - eb terminate web-prod --force
        no_match:
          - eb deploy web-prod
          - eb status web-prod

    - id: prod-never-delete-cluster
      description: Deleting a production Kubernetes cluster with eksctl is never allowed
      when:
        environment: production
        finding: [${PLATFORM_CLI.clusterDelete.findings.join(', ')}]
        resource: [${PLATFORM_CLI.clusterDelete.resources.map((r) => `"${r}"`).join(', ')}]
      decide: deny
      examples:
        match:
          - eksctl delete cluster --name prod --wait
        no_match:
          - eksctl delete nodegroup --cluster prod --name ng-1
          - eksctl get clusters

    - id: prod-never-delete-platform
      description: Deleting a production cluster, project, folder, resource group or network with gcloud, az or doctl is never allowed
      when:
        environment: production
        finding: [${PLATFORM_CLI.commandDelete.findings.join(', ')}]
        command:
${PLATFORM_CLI.commandDelete.commands.map((c) => `          - "${c}"`).join('\n')}
      decide: deny
      examples:
        match:
          - gcloud container clusters delete prod --region us-east1 --quiet
          - gcloud projects delete acme-prod
          - az group delete --name rg-prod --yes
          - az aks delete -n prod -g rg-prod
          - doctl kubernetes cluster delete prod
        no_match:
          - gcloud compute instances delete web-1 --zone us-east1-b
          - gcloud container clusters list
          - az vm delete -n web-1 -g rg-prod
          - doctl compute droplet delete web-1
          - echo "gcloud projects delete acme-prod"

    - id: prod-destructive-two-seniors
      description: Destructive or unrecognised actions in production need two senior approvals
      when:
        environment: production
        risk: [destructive, unknown]
      decide:
        approve: {count: 2, roles: [senior], ttl: 30m, recovery_point: optional}
      examples:
        match:
          - {action: ${plan('aws_db_instance.main', 'delete, create')}}
          - {action: {kind: sql, sql: "DROP TABLE customers"}}
        no_match:
          - {action: {kind: sql, sql: "SELECT count(*) FROM customers"}}

    - id: prod-mutating-one-approval
      description: Routine changes in production need one approval from an engineer or a senior
      when:
        environment: production
        risk: mutating
      decide:
        approve: {count: 1, roles: [engineer, senior], ttl: 1h}
      examples:
        match:
          - {action: ${plan('aws_s3_bucket.assets', 'create')}}
        no_match:
          - {action: ${plan('aws_s3_bucket.assets', 'delete')}}

    - id: prod-readonly
      description: Reading production is allowed
      when:
        environment: production
        risk: readonly
      decide: allow
      examples:
        match:
          - {action: {kind: sql, sql: "SELECT id FROM orders LIMIT 10"}}

    # --- staging ----------------------------------------------------------------------------
    - id: staging-destructive-one-approval
      description: Destructive or unrecognised actions in staging need one approval
      when:
        environment: staging
        risk: [destructive, unknown]
      decide:
        approve: {count: 1, roles: [engineer, senior], ttl: 1h}
      examples:
        match:
          - {action: {kind: sql, sql: "TRUNCATE sessions"}, environment: staging}
        no_match:
          - {action: {kind: sql, sql: "SELECT 1"}, environment: staging}

    # --- dev --------------------------------------------------------------------------------
    - id: dev-unknown-one-approval
      description: In dev everything is allowed except what Countersign cannot understand
      when:
        environment: dev
        risk: unknown
      decide:
        approve: {count: 1, ttl: 1h}
`;
}
