// name: resolve_persons
// description: Find, create or join the person each mention names, by its identity keys (nominal reference; name + date of birth; name alone); returns, in one list, [mention, uid, absorbed, clashed, dob_conflict] per mention: the person's uid, the person the mention showed to be the same as the one it resolved to (to be merged into it), the mention's nominal reference when it clashed with its person's (taken as mistyped), and when the mention gave its person a date of birth it did not have yet beside another, {before: the person's dates until then, dob: the date kept as dob}.
// mode: write
// param: rows: list — one list per person mention: [mention, uid, key, own_key, name, name_key, roles, dob, name_dob, gender, ref_key, nominal_ref, age, age_on, aliases, flags, attrs, name_rank] (graphintel/ingest/writer.py PERSON_ROW_FIELDS), trailing nulls left off; missing lists and attrs read as empty
// returns: people
// The rules (graphintel/ingest/normalise.py says them in words):
// - a key node (:PersonKey {key, uid}) names the person that key identifies. A mention's keys
//   are ref:<nominal> and nd:<name key>|<dob> when it has them, or n:<name key> alone.
// - r is the person its nominal key names (or who carries that nominal), d the person its
//   name + dob (or name-alone) key names. No r: the mention is d, or a new person when there
//   is no d or d has another nominal reference (a conflict). With r: the mention is r, and
//   d, when it is someone else with no nominal reference and no other key, is the same person
//   seen first without the nominal: it is merged into r (absorbed, done by the caller) and its
//   key moves to r. A d with another nominal reference keeps its key: two people, left to
//   the candidate search for an analyst (as is a pair an analyst rejected before). No r
//   yet and a d known only by the mention's name + dob, with no nominal reference: the
//   mention is the first to give d's nominal, so the person is created as the nominal's
//   (its uid, as when the nominal's report came first) and d is merged into it (absorbed).
// - a clash: the nominal's person has no date of birth (dob or other_dobs) less than two
//   years from the mention's, or a name (and aliases) sharing no word with the mention's
//   name and aliases. The nominal is then taken as mistyped, never as a reason to make them
//   one: the mention is the person of its name + dob key (whatever nominal that person
//   has), or without a date of birth a record of its own for that nominal and name
//   (clash:<nominal>|<name key>, no key bound: a name alone joins only a name alone); it
//   keeps the nominal in conflicting_nominal_refs with the flag nominal_ref_conflict, and
//   the nominal's key is not bound to it. A child named with an
//   adult suspect's nominal reference is not merged into him, nor he made a victim. After
//   the load, a record kept apart that no longer clashes (its nominal's person has since
//   been given a date or a name that bridges them) is joined (nominal_clash_joins).
// - an age given without a date of birth is kept with the date of the report that gave it
//   (age_on); of several, the one that makes the person youngest (dated before undated), so
//   the child test errs towards protection whatever the order of the reports.
// - a date of birth that differs from its person's by less than a clash (a slipped year, a
//   day and month swapped) is kept: every date given is on the person, the youngest (the
//   latest date) as dob and the others, in date order, in other_dobs (where a merge also
//   keeps what it did not take), and the person is flagged dob_conflict. Taking the youngest
//   makes dob the same whatever the order of the reports, and every child test that reads
//   only dob errs towards protection, as it does for stated ages. A date already recorded
//   changes nothing (so a dob an analyst's merge kept stays until a new date comes), nor
//   does one an analyst set aside (graphintel resolve dob: set_aside_dobs), nor a stated
//   age set aside with it (set_aside_ages, "age|age_on").
// - each key the mention gives is bound to the person unless it names someone else.
// - name_dob is the first in text order of the name + dob keys on the person with the
//   date of birth kept (else the first given), so it does not depend on the order either.
// Concurrency: lock_person_keys has write-locked every key of the batch first, so the reads
// below see the committed bindings and nobody changes them until this transaction commits.
// The people found are write-locked too, in their own subquery, before anything about them
// is read: a value read before the lock could be out of date by the time it is written
// (read committed). Each row runs in its own subquery call, so it sees what the rows before
// it created, bound or completed: everything for one row is inside one outer CALL, since
// Cypher applies each top-level clause to all rows before the next.
// The index hints, and looking nodes up by plain variables (not another node's property),
// keep every lookup a seek: a plan made while the graph is still empty could otherwise scan
// the whole uid index for each row.
// Planned once: its lookups are by unique keys, so the plan does not depend on the graph's
// statistics and is not remade as the graph grows during a load (replan=skip).
CYPHER replan=skip
UNWIND $rows AS v
WITH {mention: v[0], uid: v[1], key: v[2], own_key: v[3], name: v[4], name_key: v[5],
      roles: v[6], dob: v[7], name_dob: v[8], gender: v[9], ref_key: v[10],
      nominal_ref: v[11], age: v[12], age_on: v[13], aliases: v[14], flags: v[15],
      attrs: v[16], name_rank: v[17]} AS row
CALL (row) {
  CALL (row) {
    OPTIONAL MATCH (rk:PersonKey {key: row.ref_key}) USING INDEX rk:PersonKey(key)
    OPTIONAL MATCH (ok:PersonKey {key: row.own_key}) USING INDEX ok:PersonKey(key)
    WITH row, rk.uid AS ref_uid, ok.uid AS own_uid
    OPTIONAL MATCH (byRefKey:Entity {uid: ref_uid}) USING INDEX byRefKey:Entity(uid)
      WHERE byRefKey:Person
    OPTIONAL MATCH (byNominal:Person {nominal_ref: row.nominal_ref})
      USING INDEX byNominal:Person(nominal_ref)
    OPTIONAL MATCH (byOwnKey:Entity {uid: own_uid}) USING INDEX byOwnKey:Entity(uid)
      WHERE byOwnKey:Person
    WITH coalesce(byRefKey, byNominal) AS r0, byOwnKey AS d0
    SET r0._lock = true, d0._lock = true
    REMOVE r0._lock, d0._lock
    RETURN r0.uid AS r_uid, d0.uid AS d_uid
  }
  CALL (row, r_uid, d_uid) {
    OPTIONAL MATCH (r0:Entity {uid: r_uid}) USING INDEX r0:Entity(uid)
    OPTIONAL MATCH (d:Entity {uid: d_uid}) USING INDEX d:Entity(uid)
    // the words of the mention's name and aliases, and of the nominal's person's (aliases
    // folded as name keys are: case, and the punctuation initials and surnames carry)
    WITH row, r0, d,
         [w IN reduce(ws = split(coalesce(row.name_key, ''), ' '),
                      a IN coalesce(row.aliases, []) |
                      ws + split(replace(replace(replace(replace(toLower(a), '.', ' '),
                                 ',', ' '), '-', ' '), "'", ' '), ' ')) WHERE w <> ''] AS words,
         reduce(ws = split(coalesce(r0.name_key, ''), ' '), a IN coalesce(r0.aliases, []) |
                ws + split(replace(replace(replace(replace(toLower(a), '.', ' '),
                           ',', ' '), '-', ' '), "'", ' '), ' ')) AS known
    WITH row, r0, d,
         r0 IS NOT NULL AND (d IS NULL OR d <> r0)
           AND ((r0.dob IS NOT NULL AND row.dob IS NOT NULL
                 AND all(x IN [r0.dob] + coalesce(r0.other_dobs, [])
                                  + coalesce(r0.set_aside_dobs, [])
                         WHERE abs(date(x).year - date(row.dob).year) >= 2))
                OR (size(words) > 0 AND NONE(w IN words WHERE w IN known))) AS clash
    // a clashing nominal is taken as mistyped: the mention is its name + dob, which may be
    // someone with a nominal of their own (not "another person" for that)
    WITH row, CASE WHEN clash THEN null ELSE r0 END AS r, d, clash,
         NOT clash AND d IS NOT NULL AND d.nominal_ref IS NOT NULL
           AND row.nominal_ref IS NOT NULL AND d.nominal_ref <> row.nominal_ref AS other
    WITH row, r, d, other, clash,
         CASE WHEN r IS NOT NULL AND d IS NOT NULL AND r <> d AND d.nominal_ref IS NULL
                   AND all(k IN coalesce(d.keys, [d.key]) WHERE k = row.own_key)
              THEN NOT EXISTS {
                MATCH (x:MergeDecision {kind: 'reject', status: 'applied'})
                WHERE x.a_uid IN [r.uid, d.uid] AND x.b_uid IN [r.uid, d.uid]
              }
              ELSE false END AS absorb,
         // the first mention to give the nominal of someone known so far only by this
         // name + dob: the person becomes the nominal's (its uid), as when the nominal
         // came first; the record is merged into it (absorbed)
         r IS NULL AND d IS NOT NULL AND NOT other AND NOT clash
           AND row.nominal_ref IS NOT NULL AND d.nominal_ref IS NULL AND d.uid <> row.uid
           AND all(k IN coalesce(d.keys, [d.key]) WHERE k = row.own_key)
           AND NOT EXISTS { MATCH (x:Entity {uid: row.uid}) } AS promote
    CALL (row, r, d, other, clash, promote) {
      WITH row, r, d, other, clash, promote
      WHERE r IS NULL AND (d IS NULL OR other OR promote)
      // a nominal whose person clashes with the mention: the mention is the person of
      // its name + date of birth key, or without a date of birth a record of its own for
      // that nominal and name (not the name alone: a name alone joins only a name alone)
      WITH row, CASE WHEN clash
                     THEN coalesce(row.own_key,
                                   'clash:' + row.nominal_ref + '|' + row.name_key)
                     ELSE row.key END AS key
      WITH row, key, CASE WHEN clash THEN 'Person:' + key ELSE row.uid END AS uid
      MERGE (p:Entity {uid: uid})
      ON CREATE SET p:Person, p.key = key, p.name = row.name, p.name_key = row.name_key,
                    p.name_rank = row.name_rank,
                    p.loaded_at = toString(datetime.truncate('second', datetime()))
      RETURN p
      UNION
      WITH row, r, d, other, clash, promote
      WHERE r IS NOT NULL OR (d IS NOT NULL AND NOT other AND NOT promote)
      RETURN coalesce(r, d) AS p
    }
    WITH row, p, d, absorb OR promote AS absorb, clash,
         [k IN [CASE WHEN NOT clash THEN row.ref_key END,
                CASE WHEN d IS NULL OR d = p OR absorb OR promote THEN row.own_key END]
          WHERE k IS NOT NULL] AS bound
    CALL (p, bound) {
      UNWIND bound AS key
      MERGE (k:PersonKey {key: key})
      SET k.uid = p.uid
    }
    // the better-written name is shown (graphintel.clean.names.name_rank), the others
    // are aliases: the same name whatever order the reports arrive in (a person with no
    // rank, from a graph loaded before ranks were kept, keeps the name: see
    // graphintel.ingest.name_ranks)
    WITH row, p, d, absorb, bound, clash,
         row.name_rank IS NOT NULL AND row.name <> p.name
           AND p.name_rank IS NOT NULL AND row.name_rank < p.name_rank AS renamed
    WITH row, p, d, absorb, bound, clash, renamed,
         CASE WHEN renamed THEN row.name ELSE p.name END AS shown
    SET p.aliases = CASE WHEN renamed
                         THEN [a IN coalesce(p.aliases, []) WHERE a <> shown] + p.name
                         ELSE p.aliases END,
        p.name = shown,
        p.name_key = CASE WHEN renamed THEN row.name_key ELSE p.name_key END,
        p.name_rank = CASE WHEN renamed OR row.name = p.name THEN row.name_rank
                           ELSE p.name_rank END
    WITH row, p, d, absorb, bound, clash,
         [a IN coalesce(row.aliases, []) + [row.name] WHERE a <> p.name] AS new_aliases,
         CASE WHEN row.age IS NULL THEN false
              WHEN toString(row.age) + '|' + coalesce(toString(row.age_on), '')
                   IN coalesce(p.set_aside_ages, []) THEN false
              WHEN p.age IS NULL THEN true
              WHEN (row.age_on IS NULL) <> (p.age_on IS NULL) THEN row.age_on IS NOT NULL
              WHEN row.age_on IS NULL THEN row.age < p.age
              ELSE date(row.age_on) - duration({years: row.age})
                   > date(p.age_on) - duration({years: p.age}) END AS younger,
         [x IN [p.dob] + coalesce(p.other_dobs, []) WHERE x IS NOT NULL] AS dobs_before
    WITH row, p, d, absorb, bound, clash, new_aliases, younger, dobs_before,
         row.dob IS NOT NULL AND size(dobs_before) > 0 AND NOT row.dob IN dobs_before
           AND NOT row.dob IN coalesce(p.set_aside_dobs, []) AS new_dob
    WITH row, p, d, absorb, bound, clash, new_aliases, younger, dobs_before, new_dob,
         CASE WHEN new_dob
              THEN reduce(top = row.dob, x IN dobs_before | CASE WHEN x > top THEN x ELSE top END)
              ELSE coalesce(p.dob, row.dob) END AS dob
    WITH row, p, d, absorb, bound, clash, new_aliases, younger, dobs_before, new_dob, dob,
         new_dob AND dob <> coalesce(p.dob, '') AS dob_moved
    SET p.nominal_ref = CASE WHEN clash THEN p.nominal_ref
                             ELSE coalesce(p.nominal_ref, row.nominal_ref) END,
        p.conflicting_nominal_refs = CASE
          WHEN NOT clash OR row.nominal_ref IN coalesce(p.conflicting_nominal_refs, [])
          THEN p.conflicting_nominal_refs
          ELSE coalesce(p.conflicting_nominal_refs, []) + row.nominal_ref END,
        p.dob = dob,
        p.other_dobs = CASE WHEN NOT new_dob THEN p.other_dobs
          ELSE reduce(acc = [], x IN [y IN dobs_before + row.dob WHERE y <> dob] |
                      [z IN acc WHERE z < x] + x + [z IN acc WHERE z > x]) END,
        p.name_dob = CASE WHEN dob_moved THEN p.name_key + '|' + dob
                          ELSE coalesce(p.name_dob, row.name_dob) END,
        p.gender = coalesce(p.gender, row.gender),
        p.age = CASE WHEN younger THEN row.age ELSE p.age END,
        p.age_on = CASE WHEN younger THEN row.age_on ELSE p.age_on END,
        p.keys = reduce(acc = coalesce(p.keys, []), k IN bound |
                        CASE WHEN k IN acc THEN acc ELSE acc + k END),
        // in order of their text, each once: the same list whatever the order of the reports
        p.aliases = reduce(acc = [], a IN coalesce(p.aliases, []) + new_aliases |
                           [z IN acc WHERE z < a] + a + [z IN acc WHERE z > a]),
        p.roles = reduce(acc = coalesce(p.roles, []), x IN coalesce(row.roles, []) |
                         CASE WHEN x IN acc THEN acc ELSE acc + x END),
        p.flags = reduce(acc = coalesce(p.flags, []),
                         x IN coalesce(row.flags, []) +
                              CASE WHEN clash THEN ['nominal_ref_conflict'] ELSE [] END +
                              CASE WHEN new_dob THEN ['dob_conflict'] ELSE [] END |
                         CASE WHEN x IN acc THEN acc ELSE acc + x END)
    SET p.aliases_text = reduce(s = '', a IN p.aliases | s + a + ' ; ')
    // of the names given with the date of birth kept, the first in text order: the same
    // whatever the order of the reports (their name + dob keys are all on the person)
    SET p.name_dob = coalesce(reduce(m = null, k IN coalesce(p.keys, []) |
                                CASE WHEN k STARTS WITH 'nd:' AND k ENDS WITH '|' + p.dob
                                          AND (m IS NULL OR substring(k, 3) < m)
                                     THEN substring(k, 3) ELSE m END), p.name_dob)
    SET p += coalesce(row.attrs, {})
    RETURN p.uid AS uid, CASE WHEN absorb THEN d.uid END AS absorbed,
           CASE WHEN clash THEN row.nominal_ref END AS clashed,
           CASE WHEN new_dob THEN {before: dobs_before, dob: p.dob} END AS dob_conflict
  }
  RETURN uid, absorbed, clashed, dob_conflict
}
RETURN collect([row.mention, uid, absorbed, clashed, dob_conflict]) AS people
