// What an agent proposes. Every kind is plain JSON so it can be canonicalised, digested and audited.

export type ShellAction = { kind: 'shell'; command: string; cwd?: string };
export type SqlAction = { kind: 'sql'; sql: string; dialect?: SqlDialect };
export type TerraformPlanAction = { kind: 'terraform-plan'; plan: unknown; command?: string };
export type McpAction = { kind: 'mcp'; server: string; tool: string; arguments?: Record<string, unknown> };
export type FileAction = {
  kind: 'file';
  op: 'write' | 'edit' | 'delete';
  path: string;
  /** The new content (write) or replacement text (edit); never required for a decision. */
  content?: string;
  /** Edits in order (old text, new text, replace every occurrence): what an edit changes, so an
   * approval binds to exactly these edits and not to another edit of the same file. */
  edits?: FileEdit[];
  /** sha256 (hex) of content or edits left out for size: the action still binds to the exact bytes. */
  sha256?: string;
};
export type FileEdit = { old: string; new: string; all?: boolean };

export type SqlDialect = 'postgresql' | 'mysql' | 'mariadb' | 'sqlite' | 'bigquery' | 'transactsql' | 'snowflake';

export type Action = ShellAction | SqlAction | TerraformPlanAction | McpAction | FileAction;
export type ActionKind = Action['kind'];

export const ACTION_KINDS: readonly ActionKind[] = ['shell', 'sql', 'terraform-plan', 'mcp', 'file'];
