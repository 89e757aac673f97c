// Tables for platforms: cloud CLIs, infrastructure as code, Kubernetes, hosting platforms, secrets.
import { AWS } from './aws.js';
import { AZURE_TABLES } from './azure.js';
import { GCLOUD_TABLES } from './gcloud.js';
import { HELM_TABLES } from './helm.js';
import { IAC_TABLES } from './iac.js';
import { KUBERNETES_TABLES } from './kubernetes.js';
import { SECRETS_TABLES } from './secrets.js';
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
];
