// name: unranked_people
// description: Every person with a name and no name_rank (a graph loaded before the better-written name was shown): graphintel.ingest.name_ranks.backfill_name_ranks gives them theirs once, before the schema makes report_narratives_folded.
// returns: uid, name
// A scan of the people, run once per graph (graphintel.schema.apply_schema, while the
// index report_narratives_folded is missing), never by the outputs.
MATCH (p:Person)
WHERE p.name IS NOT NULL AND p.name_rank IS NULL
RETURN p.uid AS uid, p.name AS name
