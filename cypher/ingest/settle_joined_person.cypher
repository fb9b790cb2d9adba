// name: settle_joined_person
// description: A person just joined with a record loaded apart under a clashing nominal reference, made what one load in the joining order would have made: the record's identity keys are theirs too (keys), the youngest date of birth recorded (and not set aside by an analyst) as dob and the others in other_dobs, in date order, flagged dob_conflict when there are several; their own nominal reference out of conflicting_nominal_refs, and the flag nominal_ref_conflict dropped when none is left; the better-written name of the two shown, the other an alias; the aliases in order of their text; name_dob the first in text order of their name + dob keys with the dob kept. Returns the uids of the entities linked to them (their markers depend on the person's age).
// mode: write
// param: uid: str — the person's uid
// param: keys: list — the identity keys of the record joined into them
// param: joined: map — the record's name, name_key and name_rank: its name is shown instead when better written (graphintel.clean.names.name_rank), as when it came first
// returns: linked
MATCH (p:Entity {uid: $uid}) USING INDEX p:Entity(uid)
WHERE p:Person
WITH p, $joined.name_rank IS NOT NULL AND $joined.name <> p.name
          AND p.name_rank IS NOT NULL AND $joined.name_rank < p.name_rank AS renamed
SET p.aliases = CASE WHEN renamed
                     THEN [a IN coalesce(p.aliases, []) WHERE a <> $joined.name] + p.name
                     ELSE p.aliases END,
    p.name = CASE WHEN renamed THEN $joined.name ELSE p.name END,
    p.name_key = CASE WHEN renamed THEN $joined.name_key ELSE p.name_key END,
    p.name_rank = CASE WHEN renamed THEN $joined.name_rank ELSE p.name_rank END
SET p.aliases = reduce(acc = [], a IN coalesce(p.aliases, []) |
                       [z IN acc WHERE z < a] + a + [z IN acc WHERE z > a])
SET p.aliases_text = reduce(s = '', a IN coalesce(p.aliases, []) | s + a + ' ; ')
WITH p, reduce(acc = [], x IN [p.dob] + coalesce(p.other_dobs, []) |
               CASE WHEN x IS NULL OR x IN acc OR x IN coalesce(p.set_aside_dobs, [])
                    THEN acc ELSE acc + x END) AS dobs,
     [r IN coalesce(p.conflicting_nominal_refs, []) WHERE r <> p.nominal_ref] AS clashes
WITH p, dobs, clashes,
     reduce(top = null, x IN dobs | CASE WHEN top IS NULL OR x > top THEN x ELSE top END) AS dob
SET p.dob = coalesce(dob, p.dob),
    p.other_dobs = CASE WHEN size(dobs) > 1
      THEN reduce(acc = [], x IN [y IN dobs WHERE y <> dob] |
                  [z IN acc WHERE z < x] + x + [z IN acc WHERE z > x])
      ELSE null END,
    p.name_dob = CASE WHEN dob IS NULL OR (dob = p.dob AND p.name_dob IS NOT NULL)
                      THEN p.name_dob ELSE p.name_key + '|' + dob END,
    p.keys = reduce(acc = coalesce(p.keys, []), k IN $keys |
                    CASE WHEN k IN acc THEN acc ELSE acc + k END),
    p.conflicting_nominal_refs = CASE WHEN size(clashes) = 0 THEN null ELSE clashes END,
    p.flags = [f IN coalesce(p.flags, []) WHERE f <> 'dob_conflict'
                 AND (f <> 'nominal_ref_conflict' OR size(clashes) > 0)]
              + CASE WHEN size(dobs) > 1 THEN ['dob_conflict'] ELSE [] END
SET p.name_dob = coalesce(reduce(m = null, k IN coalesce(p.keys, []) |
                            CASE WHEN k STARTS WITH 'nd:' AND k ENDS WITH '|' + p.dob
                                      AND (m IS NULL OR substring(k, 3) < m)
                                 THEN substring(k, 3) ELSE m END), p.name_dob)
RETURN [(p)--(o:Entity) | o.uid] AS linked
