// The project file `segments.config.json`, after validation. Paths are absolute.

export const CONFIG_FILE_NAME = 'segments.config.json';

export interface ProjectConfig {
  /** Folder holding segments.config.json (or, without one, the folder checked). */
  root: string;
  /** Absolute path of segments.config.json; undefined when the file has no project. */
  configFile?: string;
  sample?: string;
  events?: string;
  schema?: string;
  /** Defaults to `user_id`. */
  idColumn: string;
  /** `YYYY-MM-DD`; undefined means today (UTC). */
  asOf?: string;
  population?: number;
  /** False when the config turns the sample cache off (`"cache": false`). */
  cache?: boolean;
}

export const DEFAULT_ID_COLUMN = 'user_id';
