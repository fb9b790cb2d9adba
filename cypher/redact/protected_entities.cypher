// name: protected_entities
// description: Of the given phones, online accounts and places, those a partner output must not name: one a child or victim uses, holds, owns, lives at or went missing from, a place at the same address as such a home written another way (the same address once case, punctuation and street abbreviations are put aside, a flat or unit before or after it, at the same postcode or with no postcode on one side or both: SAME_ADDRESS), a place only children or victims are linked to (it may be a child's home), and any phone or account attributed to nobody (it may be a child's).
// param: uids: list — entity uids that an output may show
// param: born_after: str — ISO date: people born after it are under 18 on the analysis date
// param: safeguarded: list = null — uids of people protected as children or victims on the analysis's inference (its safeguarded_inferred, and those output-time checks hold back)
// returns: uid, label, reasons, basis, key, number, address, postcode, handle, platform
// batched: yes
// basis: the grounds of each way the entity is a child's (her link to it, her missing
// episode from it, her link to another record of its address), each ground the report refs
// of every link it needs: [[refs of LIVES_AT]], [[refs of SUBJECT_OF], [refs of
// MISSING_FROM]]. Partner outputs tie anyone else to it only when some ground rests
// wholly on shareable reports (graphintel.redact.Redactor.hidden); otherwise the link of a
// child to it is withheld intelligence, and showing it "withheld" would repeat that.
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
// records seeks of the postcode index and of location_address_key_v2 (a plan made on a
// small graph would otherwise scan every entity, or every place's key, for each one).
UNWIND $uids AS uid
MATCH (e:Entity {uid: uid}) USING INDEX SEEK e:Entity(uid)
WHERE e:Phone OR e:OnlineAccount OR e:Location
// a phone or account a child owns is hers as one she uses or holds is
OPTIONAL MATCH (p:Person)-[r:USES|HAS_ACCOUNT|LIVES_AT|OWNS]->(e)
WHERE NOT (type(r) = 'OWNS' AND e:Location)
WITH e, p, r, ('victim' IN coalesce(p.roles, [])
   OR toString(p.dob) > $born_after
   OR (p.age IS NOT NULL
       AND (p.dob IS NULL OR p.age_on IS NULL
            OR duration.between(date(p.dob), date(p.age_on)).years <> p.age)
       AND CASE WHEN p.age_on IS NULL THEN p.age < 18
                ELSE toString(date(p.age_on) - duration({years: p.age})) > $born_after END)
   OR p.uid IN coalesce($safeguarded, [])
   OR any(d IN coalesce(p.other_dobs, []) WHERE toString(d) > $born_after)
   OR (p.dob IS NULL AND p.age IS NULL AND size(coalesce(p.other_dobs, [])) = 0
       AND any(f IN coalesce(p.flags, []) WHERE f IN ['called_a_child', 'looked_after_child']))) AS held_by_child
WITH e, collect(DISTINCT CASE WHEN held_by_child
   THEN CASE WHEN type(r) <> 'OWNS' THEN type(r) WHEN e:Phone THEN 'USES'
             ELSE 'HAS_ACCOUNT' END END) AS direct,
     count(p) AS holders,
     collect(CASE WHEN held_by_child THEN [coalesce(r.refs, [])] END) AS basis
OPTIONAL MATCH (c:Person)-[s:SUBJECT_OF]->(:Event)-[m:MISSING_FROM]->(e)
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
WITH e, direct, holders, basis,
     collect(CASE WHEN c IS NOT NULL
                  THEN [coalesce(s.refs, []), coalesce(m.refs, [])] END) AS episodes,
     count(c) AS missing
WITH e, direct, holders, basis + episodes AS basis, missing
OPTIONAL MATCH (q:Person)-[:LIVES_AT|FREQUENTS|SEEN_AT|OWNS]->(e)
WITH e, direct, holders, missing, basis,
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
// ABBREVIATIONS, a test checks they agree): a different record of the same home. The
// links that make it her home are its grounds.
OPTIONAL MATCH (h:Location {postcode: e.postcode}) USING INDEX h:Location(postcode)
WHERE e:Location AND h <> e AND e.key CONTAINS '|' AND h.key CONTAINS '|'
WITH e, direct, holders, missing, basis, people, at_risk, h,
     COLLECT {
         MATCH (c:Person)-[l:LIVES_AT]->(h)
         WHERE ('victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
            OR c.uid IN coalesce($safeguarded, [])
            OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
            OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
                AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])))
         RETURN [coalesce(l.refs, [])] AS grounds
         UNION ALL
         MATCH (c:Person)-[s:SUBJECT_OF]->(:Event)-[m:MISSING_FROM]->(h)
         WHERE ('victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
            OR c.uid IN coalesce($safeguarded, [])
            OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
            OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
                AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])))
         RETURN [coalesce(s.refs, []), coalesce(m.refs, [])] AS grounds } AS grounds
WITH e, direct, holders, missing, basis, people, at_risk,
     collect(CASE WHEN size(grounds) > 0
                  THEN {address: split(h.key, '|')[1], grounds: grounds} END) AS homes
// The same building's address (Location.address_key, graphintel.derived: written out,
// without a postcode at its end or a flat or unit before or after it) at the same postcode
// or with no postcode on either side, and not another flat of it: one seek of the index
// location_address_key_v2, for a child's home recorded with no postcode, or another with one.
OPTIONAL MATCH (k:Location {address_key: e.address_key})
WHERE e:Location AND k <> e
  AND (k.postcode IS NULL OR e.postcode IS NULL OR k.postcode = e.postcode)
  AND (k.address_unit IS NULL OR e.address_unit IS NULL OR k.address_unit = e.address_unit)
WITH e, direct, holders, missing, basis, people, at_risk, homes, k,
     COLLECT {
         MATCH (c:Person)-[l:LIVES_AT]->(k)
         WHERE ('victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
            OR c.uid IN coalesce($safeguarded, [])
            OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
            OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
                AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])))
         RETURN [coalesce(l.refs, [])] AS grounds
         UNION ALL
         MATCH (c:Person)-[s:SUBJECT_OF]->(:Event)-[m:MISSING_FROM]->(k)
         WHERE ('victim' IN coalesce(c.roles, [])
            OR toString(c.dob) > $born_after
            OR (c.age IS NOT NULL
                AND (c.dob IS NULL OR c.age_on IS NULL
                     OR duration.between(date(c.dob), date(c.age_on)).years <> c.age)
                AND CASE WHEN c.age_on IS NULL THEN c.age < 18
                         ELSE toString(date(c.age_on) - duration({years: c.age})) > $born_after END)
            OR c.uid IN coalesce($safeguarded, [])
            OR any(d IN coalesce(c.other_dobs, []) WHERE toString(d) > $born_after)
            OR (c.dob IS NULL AND c.age IS NULL AND size(coalesce(c.other_dobs, [])) = 0
                AND any(f IN coalesce(c.flags, []) WHERE f IN ['called_a_child', 'looked_after_child'])))
         RETURN [coalesce(s.refs, []), coalesce(m.refs, [])] AS grounds } AS grounds
WITH e, direct, holders, missing, basis, people, at_risk, homes,
     reduce(acc = [], g IN collect(grounds) | acc + g) AS building,
     {rd: 'road', st: 'street', ave: 'avenue', av: 'avenue', ln: 'lane', cl: 'close',
      dr: 'drive', cres: 'crescent', gdns: 'gardens', ct: 'court', pl: 'place',
      sq: 'square', terr: 'terrace', tce: 'terrace'} AS street_types
WITH e, direct, holders, missing, basis, people, at_risk, building,
     [x IN homes | {grounds: x.grounds, written: reduce(s = '', w IN split(x.address, ' ')
                    | s + ' ' + coalesce(street_types[w], w))}] AS homes,
     reduce(s = '', w IN split(coalesce(split(e.key, '|')[1], ''), ' ')
            | s + ' ' + coalesce(street_types[w], w)) AS mine
// the same address, or one holding the other with a flat or unit written before or after
// it (5 Elm Road, Flat 1; Flat 1, 5 Elm Road): the building a child lives in, or her flat
WITH e, direct, holders, missing, basis, people, at_risk,
     building + reduce(acc = [], x IN homes | acc + CASE
       WHEN x.written = mine OR mine STARTS WITH x.written + ' '
         OR x.written STARTS WITH mine + ' ' OR mine ENDS WITH x.written
         OR x.written ENDS WITH mine THEN x.grounds ELSE [] END) AS same
WITH e, basis + same AS basis, direct
     + CASE WHEN size(same) > 0 THEN ['SAME_ADDRESS'] ELSE [] END
     + CASE WHEN missing > 0 THEN ['MISSING_FROM'] ELSE [] END
     + CASE WHEN e:Location AND people > 0 AND at_risk = people THEN ['ONLY_AT_RISK'] ELSE [] END
     + CASE WHEN holders = 0 AND NOT e:Location THEN ['UNATTRIBUTED'] ELSE [] END AS reasons
WHERE size(reasons) > 0
WITH e.uid AS uid,
     [l IN labels(e) WHERE l IN ['Phone', 'OnlineAccount', 'Location']][0] AS label,
     reasons, basis, e.key AS key, e.number AS number, e.address AS address,
     e.postcode AS postcode, e.handle AS handle, e.platform AS platform
ORDER BY uid
WITH collect({uid: uid, label: label, reasons: reasons, basis: basis, key: key, number: number, address: address, postcode: postcode, handle: handle, platform: platform}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
