// name: new_links_since
// description: Links first seen on or after a date (by the date of what the reports describe), optionally only a person's.
// param: since: date — first seen on or after this date (YYYY-MM-DD)
// param: person: str = null — only links of this person (person uid; a name or nominal ref is resolved)
// param: limit: int = null — at most this many links, the earliest first (all when not given)
// returns: from_uid, from, type, to_uid, to, first_seen, last_seen, refs
// With a person it starts from the person's uid and expands their links. Without, it finds
// the date of the `limit`-th link in three steps, each from the link types' first_seen
// indexes (one branch per link type of graphintel.model.LINK_TYPES; the indexes are
// link_first_seen_* in cypher/schema.cypher, named in a hint on each branch so that the plan
// does not depend on the statistics of a small graph):
// 1. the link type with the most links (from the count store) reads its first `limit` dates:
//    the last of them is a bound the `limit`-th link of all types cannot be after ('~', after
//    every ISO date, when it has fewer or no `limit` is given);
// 2. each type reads its dates from `since` to the bound alone, at most `limit`: the
//    `limit`-th of them all is the date of the `limit`-th link;
// 3. the links from `since` to that date, in order, at most `limit` per type.
// Without the bound every type would read `limit` dates; with it, about as many in all as
// lie before the bound.
CALL () {
  MATCH (me:Entity:Person {uid: $person})
  CALL (me) {
    MATCH (me)-[r]->(b:Entity) WHERE r.first_seen >= $since
    RETURN me AS a, r, b
    UNION
    MATCH (a:Entity)-[r]->(me) WHERE r.first_seen >= $since
    RETURN a, r, me AS b
  }
  RETURN a, r, b
  UNION
  UNWIND CASE WHEN $person IS NULL THEN [true] ELSE [] END AS every_link
  CALL (every_link) {
    CALL () {
      MATCH ()-[r:ASSOCIATE_OF]->() WITH count(r) AS links RETURN 'ASSOCIATE_OF' AS type, links
      UNION ALL
      MATCH ()-[r:FAMILY_OF]->() WITH count(r) AS links RETURN 'FAMILY_OF' AS type, links
      UNION ALL
      MATCH ()-[r:EXPLOITS]->() WITH count(r) AS links RETURN 'EXPLOITS' AS type, links
      UNION ALL
      MATCH ()-[r:USES]->() WITH count(r) AS links RETURN 'USES' AS type, links
      UNION ALL
      MATCH ()-[r:OWNS]->() WITH count(r) AS links RETURN 'OWNS' AS type, links
      UNION ALL
      MATCH ()-[r:DRIVES]->() WITH count(r) AS links RETURN 'DRIVES' AS type, links
      UNION ALL
      MATCH ()-[r:PASSENGER_IN]->() WITH count(r) AS links RETURN 'PASSENGER_IN' AS type, links
      UNION ALL
      MATCH ()-[r:LIVES_AT]->() WITH count(r) AS links RETURN 'LIVES_AT' AS type, links
      UNION ALL
      MATCH ()-[r:FREQUENTS]->() WITH count(r) AS links RETURN 'FREQUENTS' AS type, links
      UNION ALL
      MATCH ()-[r:SEEN_AT]->() WITH count(r) AS links RETURN 'SEEN_AT' AS type, links
      UNION ALL
      MATCH ()-[r:CALLED]->() WITH count(r) AS links RETURN 'CALLED' AS type, links
      UNION ALL
      MATCH ()-[r:HAS_ACCOUNT]->() WITH count(r) AS links RETURN 'HAS_ACCOUNT' AS type, links
      UNION ALL
      MATCH ()-[r:MESSAGED]->() WITH count(r) AS links RETURN 'MESSAGED' AS type, links
      UNION ALL
      MATCH ()-[r:SUBJECT_OF]->() WITH count(r) AS links RETURN 'SUBJECT_OF' AS type, links
      UNION ALL
      MATCH ()-[r:INVOLVED_IN]->() WITH count(r) AS links RETURN 'INVOLVED_IN' AS type, links
      UNION ALL
      MATCH ()-[r:FOUND_AT]->() WITH count(r) AS links RETURN 'FOUND_AT' AS type, links
      UNION ALL
      MATCH ()-[r:MISSING_FROM]->() WITH count(r) AS links RETURN 'MISSING_FROM' AS type, links
      UNION ALL
      MATCH ()-[r:OCCURRED_AT]->() WITH count(r) AS links RETURN 'OCCURRED_AT' AS type, links
      UNION ALL
      MATCH ()-[r:INVESTIGATED_BY]->() WITH count(r) AS links RETURN 'INVESTIGATED_BY' AS type, links
    }
    WITH type ORDER BY links DESC, type LIMIT 1
    CALL (type) {
      MATCH ()-[r:ASSOCIATE_OF]->() USING INDEX r:ASSOCIATE_OF(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'ASSOCIATE_OF' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:FAMILY_OF]->() USING INDEX r:FAMILY_OF(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'FAMILY_OF' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:EXPLOITS]->() USING INDEX r:EXPLOITS(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'EXPLOITS' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:USES]->() USING INDEX r:USES(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'USES' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:OWNS]->() USING INDEX r:OWNS(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'OWNS' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:DRIVES]->() USING INDEX r:DRIVES(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'DRIVES' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:PASSENGER_IN]->() USING INDEX r:PASSENGER_IN(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'PASSENGER_IN' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:LIVES_AT]->() USING INDEX r:LIVES_AT(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'LIVES_AT' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:FREQUENTS]->() USING INDEX r:FREQUENTS(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'FREQUENTS' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:SEEN_AT]->() USING INDEX r:SEEN_AT(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'SEEN_AT' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:CALLED]->() USING INDEX r:CALLED(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'CALLED' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:HAS_ACCOUNT]->() USING INDEX r:HAS_ACCOUNT(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'HAS_ACCOUNT' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:MESSAGED]->() USING INDEX r:MESSAGED(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'MESSAGED' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:SUBJECT_OF]->() USING INDEX r:SUBJECT_OF(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'SUBJECT_OF' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:INVOLVED_IN]->() USING INDEX r:INVOLVED_IN(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'INVOLVED_IN' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:FOUND_AT]->() USING INDEX r:FOUND_AT(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'FOUND_AT' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:MISSING_FROM]->() USING INDEX r:MISSING_FROM(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'MISSING_FROM' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:OCCURRED_AT]->() USING INDEX r:OCCURRED_AT(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'OCCURRED_AT' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
      UNION ALL
      MATCH ()-[r:INVESTIGATED_BY]->() USING INDEX r:INVESTIGATED_BY(first_seen)
        WHERE r.first_seen >= CASE type WHEN 'INVESTIGATED_BY' THEN $since ELSE '~' END
      RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 0)
    }
    WITH count(seen) AS read, max(seen) AS last
    RETURN CASE WHEN read = $limit THEN last ELSE '~' END AS bound
  }
  CALL (every_link, bound) {
    MATCH ()-[r:ASSOCIATE_OF]->() USING INDEX r:ASSOCIATE_OF(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:FAMILY_OF]->() USING INDEX r:FAMILY_OF(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:EXPLOITS]->() USING INDEX r:EXPLOITS(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:USES]->() USING INDEX r:USES(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:OWNS]->() USING INDEX r:OWNS(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:DRIVES]->() USING INDEX r:DRIVES(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:PASSENGER_IN]->() USING INDEX r:PASSENGER_IN(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:LIVES_AT]->() USING INDEX r:LIVES_AT(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:FREQUENTS]->() USING INDEX r:FREQUENTS(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:SEEN_AT]->() USING INDEX r:SEEN_AT(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:CALLED]->() USING INDEX r:CALLED(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:HAS_ACCOUNT]->() USING INDEX r:HAS_ACCOUNT(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:MESSAGED]->() USING INDEX r:MESSAGED(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:SUBJECT_OF]->() USING INDEX r:SUBJECT_OF(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:INVOLVED_IN]->() USING INDEX r:INVOLVED_IN(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:FOUND_AT]->() USING INDEX r:FOUND_AT(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:MISSING_FROM]->() USING INDEX r:MISSING_FROM(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:OCCURRED_AT]->() USING INDEX r:OCCURRED_AT(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH ()-[r:INVESTIGATED_BY]->() USING INDEX r:INVESTIGATED_BY(first_seen) 
      WHERE r.first_seen >= $since AND r.first_seen <= bound
    RETURN r.first_seen AS seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
  }
  WITH every_link, seen ORDER BY seen LIMIT coalesce($limit, 9223372036854775807)
  WITH every_link, max(seen) AS until
  CALL (every_link, until) {
    MATCH (a:Entity)-[r:ASSOCIATE_OF]->(b:Entity) USING INDEX r:ASSOCIATE_OF(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:FAMILY_OF]->(b:Entity) USING INDEX r:FAMILY_OF(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:EXPLOITS]->(b:Entity) USING INDEX r:EXPLOITS(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:USES]->(b:Entity) USING INDEX r:USES(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:OWNS]->(b:Entity) USING INDEX r:OWNS(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:DRIVES]->(b:Entity) USING INDEX r:DRIVES(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:PASSENGER_IN]->(b:Entity) USING INDEX r:PASSENGER_IN(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:LIVES_AT]->(b:Entity) USING INDEX r:LIVES_AT(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:FREQUENTS]->(b:Entity) USING INDEX r:FREQUENTS(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:SEEN_AT]->(b:Entity) USING INDEX r:SEEN_AT(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:CALLED]->(b:Entity) USING INDEX r:CALLED(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:HAS_ACCOUNT]->(b:Entity) USING INDEX r:HAS_ACCOUNT(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:MESSAGED]->(b:Entity) USING INDEX r:MESSAGED(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:SUBJECT_OF]->(b:Entity) USING INDEX r:SUBJECT_OF(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:INVOLVED_IN]->(b:Entity) USING INDEX r:INVOLVED_IN(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:FOUND_AT]->(b:Entity) USING INDEX r:FOUND_AT(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:MISSING_FROM]->(b:Entity) USING INDEX r:MISSING_FROM(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:OCCURRED_AT]->(b:Entity) USING INDEX r:OCCURRED_AT(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
    UNION ALL
    MATCH (a:Entity)-[r:INVESTIGATED_BY]->(b:Entity) USING INDEX r:INVESTIGATED_BY(first_seen)
      WHERE r.first_seen >= $since AND r.first_seen <= until
    RETURN a, r, b ORDER BY r.first_seen, a.uid, b.uid LIMIT coalesce($limit, 9223372036854775807)
  }
  RETURN a, r, b
}
WITH a, r, b,
     [n IN [a, b] | CASE WHEN n:Person THEN n.name
                         WHEN n:Event THEN n.kind + ' ' + coalesce(n.start, '')
                         WHEN n:Location THEN coalesce(n.address + ', ' + n.postcode, n.address, n.postcode, n.key)
                         ELSE n.key END] AS shown
RETURN a.uid AS from_uid, shown[0] AS from, type(r) AS type, b.uid AS to_uid, shown[1] AS to,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.refs AS refs
ORDER BY first_seen, from_uid, type, to_uid
LIMIT coalesce($limit, 9223372036854775807)
