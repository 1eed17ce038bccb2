-- Conversation records: one schema for SQLite and PostgreSQL (portable types only).
-- JSON values are stored as TEXT so both engines read them the same way.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  worker_id TEXT,
  started_at_ms BIGINT NOT NULL,
  ended_at_ms BIGINT,
  end_reason TEXT
);
CREATE INDEX conversations_by_start ON conversations (started_at_ms);
CREATE INDEX conversations_by_agent ON conversations (agent_id, started_at_ms);

CREATE TABLE turns (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  turn_id INTEGER NOT NULL,
  started_at_ms BIGINT NOT NULL,
  ended_at_ms BIGINT,
  user_text TEXT NOT NULL,
  agent_text TEXT NOT NULL,
  heard_text TEXT NOT NULL,
  interrupted BOOLEAN NOT NULL,
  completed BOOLEAN NOT NULL,
  first_audio_ms DOUBLE PRECISION,
  metrics_json TEXT,
  PRIMARY KEY (conversation_id, turn_id)
);

CREATE TABLE tool_calls (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  tool_call_id TEXT NOT NULL,
  turn_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  arguments_json TEXT,
  ok BOOLEAN,
  result_json TEXT,
  PRIMARY KEY (conversation_id, tool_call_id)
);

CREATE TABLE conversation_errors (
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  seq INTEGER NOT NULL,
  turn_id INTEGER,
  at_ms BIGINT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  fatal BOOLEAN NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
