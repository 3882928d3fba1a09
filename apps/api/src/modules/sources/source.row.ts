export interface SourceRow {
  id: string;
  name: string;
  provider: string;
  write_key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

export const SOURCE_COLUMNS = 'id, name, provider, write_key_prefix, created_at, revoked_at';

/** What an ingestion path needs to know about where events come from. */
export interface EventSource {
  /** Stored in event.source. */
  name: string;
  /** The provider whose ids the source's userIds are (EXTERNAL_ID scope). */
  provider: string;
}
