// Tables for platforms: cloud CLIs, infrastructure as code, Kubernetes, hosting platforms, secrets.
import { AWS } from './aws.js';
import { AZURE_TABLES } from './azure.js';
import { CLOUD_MORE_TABLES } from './cloud-more.js';
import { CONFIG_MGMT_TABLES } from './config-mgmt.js';
import { NOMAD } from './nomad.js';
import { DB_PLATFORM_TABLES } from './db-platforms.js';
import { GCLOUD_TABLES } from './gcloud.js';
import { HELM_TABLES } from './helm.js';
import { IAC_TABLES } from './iac.js';
import { K8S_TOOL_TABLES } from './k8s-tools.js';
import { KUBERNETES_TABLES } from './kubernetes.js';
import { PAAS_TABLES } from './paas.js';
import { SECRETS_TABLES } from './secrets.js';
import { LOCAL_SECRET_TABLES } from './secrets-local.js';
import { TERRAFORM } from './terraform.js';
import type { ToolTable } from './types.js';

export const PLATFORM_TABLES: ToolTable[] = [
  AWS,
  ...GCLOUD_TABLES,
  ...AZURE_TABLES,
  TERRAFORM,
  ...IAC_TABLES,
  ...KUBERNETES_TABLES,
  ...HELM_TABLES,
  ...SECRETS_TABLES,
  ...LOCAL_SECRET_TABLES,
  ...CLOUD_MORE_TABLES,
  ...PAAS_TABLES,
  ...DB_PLATFORM_TABLES,
  ...K8S_TOOL_TABLES,
  NOMAD,
  ...CONFIG_MGMT_TABLES,
];
