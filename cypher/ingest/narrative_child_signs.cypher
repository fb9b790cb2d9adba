// name: narrative_child_signs
// description: Give people already in the graph what a report's narrative calls them beside their name when it does not make them one of its entities: a child or a looked-after child ("Tom REED (a juvenile)", flags called_a_child, looked_after_child) to someone with no recorded date of birth, as an age from a narrative is given; a victim of exploitation ("Dan COX (CSE victim)": role victim, flag victim_from_narrative) to whoever has the name, as a report's own people are read. Returns the uids of the people changed.
// mode: write
// param: rows: list — {uid, flags, victim, ref} per person (graphintel.ingest.narrative_child_signs.named_signs, with ref the report whose narrative it is)
// returns: uid
// A child's sign matters only to a person of no recorded age (a date of birth decides), and
// the name may be a namesake's: an adult Tom REED born 1985 is not the juvenile of a girl's
// disclosure. A victim wording has no such test: no one assessed a victim is a target, and
// the role is added as a link file's victim role is (add_person_roles). The report is kept
// in victim_in_narratives even when a report of their own already makes them a victim: it
// is the ground that keeps the role when that report is corrected to say otherwise
// (withdraw_versions).
UNWIND $rows AS row
MATCH (p:Entity {uid: row.uid}) USING INDEX p:Entity(uid)
WITH p, row, row.victim AS victim,
     row.victim AND NOT 'victim' IN coalesce(p.roles, []) AS made_victim,
     CASE WHEN p.dob IS NULL AND size(coalesce(p.other_dobs, [])) = 0
          THEN [f IN row.flags WHERE f IN ['called_a_child', 'looked_after_child']]
          ELSE [] END AS child_signs
WHERE p:Person
WITH p, row, made_victim, victim, child_signs,
     [f IN child_signs + CASE WHEN victim THEN ['victim_from_narrative'] ELSE [] END
      WHERE NOT f IN coalesce(p.flags, [])] AS new
WHERE made_victim OR size(new) > 0
   OR (victim AND NOT row.ref IN coalesce(p.victim_in_narratives, []))
SET p.flags = coalesce(p.flags, []) + new,
    p.victim_in_narratives = CASE
      WHEN victim AND NOT row.ref IN coalesce(p.victim_in_narratives, [])
      THEN coalesce(p.victim_in_narratives, []) + row.ref
      ELSE p.victim_in_narratives END,
    p.roles = CASE WHEN made_victim
                   THEN [r IN coalesce(p.roles, []) WHERE r <> 'unknown'] + 'victim'
                   ELSE p.roles END
RETURN p.uid AS uid
