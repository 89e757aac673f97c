// The loaded configuration (countersign.yaml after validation). Field names are camelCase here and
// snake_case in the YAML; docs/config.md describes every key.
import type { Agent, Human, Target } from '../core/index.js';
import type { CompiledPolicy, EnvironmentPolicy } from '../policy/index.js';

export type HumanEntry = Human & { tokenSha256: string };
export type AgentEntry = Agent & { tokenSha256: string };

export type ServerSettings = {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Where humans open approval links; defaults to http://host:port. */
  publicUrl: string;
  /** Largest request body accepted (E_TOO_LARGE above it). */
  bodyLimitBytes: number;
  /** Longest `?wait=` an agent may hold a request open. */
  waitMaxSeconds: number;
  /** How long a host hook waits for approval before answering "not allowed (pending)". */
  hookWaitSeconds: number;
};

/** Same shape as the engine's Limits; 0 turns a limit off. */
export type LimitSettings = {
  ratePerMinute: number;
  breaker: { repeats: number; windowSeconds: number; pauseSeconds: number };
  destructivePerHour: number;
};

export type Config = {
  /** Absolute path of the file it came from ("<inline>" when parsed from text with no file). */
  file: string;
  version: 1;
  server: ServerSettings;
  /** Absolute; relative paths in the file are taken from the config file's directory. */
  dataDir: string;
  defaultEnvironment: string;
  environments: Record<string, EnvironmentPolicy>;
  humans: HumanEntry[];
  agents: AgentEntry[];
  /** Credentials already resolved from Countersign's own environment: never show these to an agent. */
  targets: Target[];
  policy: CompiledPolicy;
  limits: LimitSettings;
  /** sha256 of the file's text, for the `config.loaded` audit entry. */
  digest: string;
  /** Things that load but probably do not do what was meant (e.g. an approval no team can give). */
  warnings: string[];
};
