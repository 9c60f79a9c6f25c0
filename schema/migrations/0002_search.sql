-- Full-text search over published submissions. Chinese has no spaces, so the server segments
-- title, body and approved replies with jieba (search mode) and stores the words space-separated;
-- FTS5's unicode61 tokenizer then splits on those spaces. Kept in step by the domain verbs, in the
-- same transaction as the change. Not a Drizzle table: Drizzle does not model virtual tables.
CREATE VIRTUAL TABLE `submission_search` USING fts5(
	`submission_id` UNINDEXED,
	`words`,
	tokenize = 'unicode61 remove_diacritics 0'
);
