// name: protected_entities
// description: Of the given phones, online accounts and places, those a partner output must not name: one a child or victim uses, holds, owns, lives at or went missing from, a place at the same address as such a home written another way (the same address once case, punctuation and street abbreviations are put aside, a flat or unit before or after it, at the same postcode or with no postcode on one side or both: SAME_ADDRESS), a place only children or victims are linked to (it may be a child's home), and any phone or account attributed to nobody (it may be a child's).
// param: uids: list — entity uids that an output may show
// param: born_after: str — ISO date: people born after it are under 18 on the analysis date
// param: safeguarded: list = null — uids of people protected as children or victims on the analysis's inference (its safeguarded_inferred, and those output-time checks hold back)
// returns: uid, label, reasons, key, number, address, postcode, handle, platform
// batched: yes
// A child is under 18 by the rule of graphintel.analysis.safeguarding.age_of: born after
// $born_after; or having turned a stated age (age) on the date of the report that stated
// it (age_on) after $born_after, when there is no date of birth or it does not give that
// age on that day (records that disagree: the younger counts); an undated stated age is
// taken as the age on the analysis date. Also a child or victim: anyone in $safeguarded,
// anyone another recorded date of birth (other_dobs) makes under 18, and anyone of no
// recorded age a report calls a child or looked after (flags called_a_child,
// looked_after_child: graphintel.ingest), as the analysis safeguards them.
// SAME_ADDRESS errs towards withholding: a place with no postcode is taken for a child's
// home recorded another way when its address is that home's (the building's address,
// graphintel.clean.address), whatever the home's postcode, and so is a home with no
// postcode for a place with one: a missing postcode never makes two records of one home
// two places. Two places with different postcodes are never the same address (two
// "5 High Street" in two towns), nor two different flats of one building ("Flat 1" and
// "Flat 2" of 5 Elm Road; a flat and the building, or a floor with no number, are).
// Index-backed at any size: each entity is a seek of the uid index, and its place's other
// records seeks of the postcode index and of location_address_key (a plan made on a
// small graph would otherwise scan every entity, or every place's key, for each one).
UNWIND $uids AS uid
MATCH (e:Entity {uid: uid}) USING INDEX SEEK e:Entity(uid)
WHERE e:Phone OR e:OnlineAccount OR e:Location
// a phone or account a child owns is hers as one she uses or holds is
OPTIONAL MATCH (p:Person)-[r:USES|HAS_ACCOUNT|LIVES_AT|OWNS]->(e)
WHERE NOT (type(r) = 'OWNS' AND e:Location)
WITH e, collect(DISTINCT CASE WHEN 'victim' IN coalesce(p.roles, [])
   OR toString(p.dob) > $born_after
   OR (p.age IS NOT NULL
       AND (p.dob IS NULL OR p.age_on IS NULL
            OR duration.between(date(p.dob), date(p.age_on)).years <> p.age)
       AND CASE WHEN p.age_on IS NULL THEN p.age < 18
                ELSE toString(date(p.age_on) - duration({years: p.age})) > $born_after END)
   OR p.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(p.other_dobs, []) WHERE toString(d) > $born_after)
   OR (p.dob IS NULL AND p.age IS NULL AND size(coalesce(p.other_dobs, [])) = 0
       AND any(f IN coalesce(p.flags, []) WHERE f IN ['called_a_child', 'looked_after_child']))
   THEN CASE WHEN type(r) <> 'OWNS' THEN type(r) WHEN e:Phone THEN 'USES'
             ELSE 'HAS_ACCOUNT' END END) AS direct,
     count(p) AS holders
OPTIONAL MATCH (c:Person)-[:SUBJECT_OF]->(:Event)-[:MISSING_FROM]->(e)
WHERE 'victim' IN coalesce(c.roles, [])
   OR toString(c.dob) > $born_after
   OR (c.age IS NOT NULL
       AND (c.dob IS NULL OR c.age_on IS NULL
            OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
       AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
   OR c.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
   OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
       AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child']))
WITH e, direct, holders, count(c) AS missing
OPTIONAL MATCH (q:Person)-[:LIVES_AT|FREQUENTS|SEEN_AT|OWNS]->(e)
WITH e, direct, holders, missing,
     count(DISTINCT q) AS people,
     count(DISTINCT CASE WHEN 'victim' IN coalesce(q.roles, [])
   OR toString(q.dob) > $born_after
   OR (q.age IS NOT NULL
       AND (q.dob IS NULL OR q.age_on IS NULL
            OR duration.between(date(q.dob), date(q.age_on)).years <> q.age)
       AND CASE WHEN q.age_on IS NULL THEN q.age < 18
                ELSE toString(date(q.age_on) - duration({years: q.age})) > $born_after END)
   OR q.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(q.other_dobs, []) WHERE toString(d) > $born_after)
   OR (q.dob IS NULL AND q.age IS NULL AND size(coalesce(q.other_dobs, [])) = 0
       AND any(f IN coalesce(q.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])) THEN q END) AS at_risk
// A place keyed "postcode|address" (graphintel.ingest.normalise.location: the address as
// graphintel.clean.names.name_key writes it) at the same postcode as a child's home, or a
// place a child went missing from, whose address is that home's once street types are
// written out (5 ELM RD for 5 Elm Road; the map below is graphintel.redact_forms.
// ABBREVIATIONS, a test checks they agree): a different record of the same home.
OPTIONAL MATCH (h:Location {postcode: e.postcode}) USING INDEX h:Location(postcode)
WHERE e:Location AND h <> e AND e.key CONTAINS '|' AND h.key CONTAINS '|'
  AND (EXISTS {
         MATCH (c:Person)-[:LIVES_AT]->(h)
         WHERE 'victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
   OR c.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
   OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
       AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])) }
       OR EXISTS {
         MATCH (c:Person)-[:SUBJECT_OF]->(:Event)-[:MISSING_FROM]->(h)
         WHERE 'victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
   OR c.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
   OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
       AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])) })
WITH e, direct, holders, missing, people, at_risk,
     [k IN collect(h.key) | split(k, '|')[1]] + [split(e.key, '|')[1]] AS addresses
// The same building's address (Location.address_key, graphintel.derived: written out,
// without a postcode at its end or a flat or unit before or after it) at the same postcode
// or with no postcode on either side, and not another flat of it: one seek of the index
// location_address_key, for a child's home recorded with no postcode, or another with one.
OPTIONAL MATCH (k:Location {address_key: e.address_key})
WHERE e:Location AND k <> e
  AND (k.postcode IS NULL OR e.postcode IS NULL OR k.postcode = e.postcode)
  AND (k.address_unit IS NULL OR e.address_unit IS NULL OR k.address_unit = e.address_unit)
  AND (EXISTS {
         MATCH (c:Person)-[:LIVES_AT]->(k)
         WHERE 'victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
   OR c.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
   OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
       AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])) }
       OR EXISTS {
         MATCH (c:Person)-[:SUBJECT_OF]->(:Event)-[:MISSING_FROM]->(k)
         WHERE 'victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
   OR c.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
   OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
       AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])) })
WITH e, direct, holders, missing, people, at_risk, addresses, count(k) > 0 AS same_building,
     {rd: 'road', st: 'street', ave: 'avenue', av: 'avenue', ln: 'lane', cl: 'close',
      dr: 'drive', cres: 'crescent', gdns: 'gardens', ct: 'court', pl: 'place',
      sq: 'square', terr: 'terrace', tce: 'terrace'} AS street_types
WITH e, direct, holders, missing, people, at_risk, same_building,
     [a IN addresses | reduce(s = '', w IN split(a, ' ') | s + ' ' + coalesce(street_types[w], w))]
       AS written_out
// the same address, or one holding the other with a flat or unit written before or after
// it (5 Elm Road, Flat 1; Flat 1, 5 Elm Road): the building a child lives in, or her flat
WITH e, direct, holders, missing, people, at_risk,
     same_building OR (e:Location AND size(written_out) > 1
       AND any(h IN written_out[0..-1] WHERE h = last(written_out)
               OR last(written_out) STARTS WITH h + ' ' OR h STARTS WITH last(written_out) + ' '
               OR last(written_out) ENDS WITH h OR h ENDS WITH last(written_out))) AS same_address
WITH e, direct
     + CASE WHEN same_address THEN ['SAME_ADDRESS'] ELSE [] END
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
