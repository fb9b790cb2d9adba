// name: protected_entities
// description: Of the given phones, online accounts and places, those a partner output must not name: one a child or victim uses, holds, lives at or went missing from, a place only children or victims are linked to (it may be a child's home), and any phone or account attributed to nobody (it may be a child's).
// param: uids: list — entity uids that an output may show
// param: born_after: str — ISO date: people born after it are under 18 on the analysis date
// returns: uid, label, reasons, key, number, address, postcode, handle, platform
// batched: yes
// A child is under 18 by the rule of graphintel.analysis.safeguarding.age_of: born after
// $born_after; else, with no date of birth, having turned the stated age (age) on the
// date of the report that stated it (age_on) after $born_after; an undated stated age is
// taken as the age on the analysis date.
UNWIND $uids AS uid
MATCH (e:Entity {uid: uid})
WHERE e:Phone OR e:OnlineAccount OR e:Location
OPTIONAL MATCH (p:Person)-[r:USES|HAS_ACCOUNT|LIVES_AT]->(e)
WITH e, collect(DISTINCT CASE WHEN 'victim' IN coalesce(p.roles, [])
       OR toString(coalesce(p.dob, CASE WHEN p.age IS NOT NULL
                                        THEN date(p.age_on) - duration({years: p.age}) END)) > $born_after
       OR (p.dob IS NULL AND p.age_on IS NULL AND p.age < 18) THEN type(r) END) AS direct,
     count(p) AS holders
OPTIONAL MATCH (c:Person)-[:SUBJECT_OF]->(:Event)-[:MISSING_FROM]->(e)
WHERE 'victim' IN coalesce(c.roles, [])
   OR toString(coalesce(c.dob, CASE WHEN c.age IS NOT NULL
                                    THEN date(c.age_on) - duration({years: c.age}) END)) > $born_after
   OR (c.dob IS NULL AND c.age_on IS NULL AND c.age < 18)
WITH e, direct, holders, count(c) AS missing
OPTIONAL MATCH (q:Person)-[:LIVES_AT|FREQUENTS|SEEN_AT|OWNS]->(e)
WITH e, direct, holders, missing,
     count(DISTINCT q) AS people,
     count(DISTINCT CASE WHEN 'victim' IN coalesce(q.roles, [])
       OR toString(coalesce(q.dob, CASE WHEN q.age IS NOT NULL
                                        THEN date(q.age_on) - duration({years: q.age}) END)) > $born_after
       OR (q.dob IS NULL AND q.age_on IS NULL AND q.age < 18) THEN q END) AS at_risk
WITH e, direct
     + CASE WHEN missing > 0 THEN ['MISSING_FROM'] ELSE [] END
     + CASE WHEN e:Location AND people > 0 AND at_risk = people THEN ['ONLY_AT_RISK'] ELSE [] END
     + CASE WHEN holders = 0 AND NOT e:Location THEN ['UNATTRIBUTED'] ELSE [] END AS reasons
WHERE size(reasons) > 0
WITH e.uid AS uid,
     [l IN labels(e) WHERE l IN ['Phone', 'OnlineAccount', 'Location']][0] AS label,
     reasons, e.key AS key, e.number AS number, e.address AS address,
     e.postcode AS postcode, e.handle AS handle, e.platform AS platform
ORDER BY uid
WITH collect({uid: uid, label: label, reasons: reasons, key: key, number: number, address: address, postcode: postcode, handle: handle, platform: platform}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
