// name: lookup_entity_search
// description: Phones, vehicles, places and online accounts matching what an officer typed (the normalised phones, VRMs and postcodes in it, or words of an address or handle), each with the people linked to it.
// param: phones: list = [] — phone numbers already normalised to E.164
// param: vrms: list = [] — VRMs already normalised (upper case, no spaces)
// param: postcodes: list = [] — postcodes already in canonical form
// param: address: str = null — the text as an address key (lower case, words only, as graphintel.clean.names.name_key writes it), or null: matched inside place keys (postcode|address)
// param: handle: str = null — the text lower-cased, or null: matched inside account keys (platform:handle)
// param: limit: int = 20 — at most this many entities
// returns: uid, type, name, detail, people
// Every branch starts from an index: the keys' uniqueness constraints, the postcode index,
// and the text indexes on place and account keys for words inside them (CONTAINS; named, or
// the planner filters a scan of the keys' range index instead).
CALL () {
  MATCH (e:Phone) WHERE e.key IN $phones
  RETURN e
  UNION
  MATCH (e:Vehicle) WHERE e.key IN $vrms
  RETURN e
  UNION
  MATCH (e:Location) WHERE e.postcode IN $postcodes
  RETURN e
  UNION
  MATCH (e:Location) USING TEXT INDEX e:Location(key) WHERE e.key CONTAINS $address
  RETURN e
  UNION
  MATCH (e:OnlineAccount) USING TEXT INDEX e:OnlineAccount(key) WHERE e.key CONTAINS $handle
  RETURN e
}
WITH e ORDER BY e.uid LIMIT $limit
RETURN e.uid AS uid, [l IN labels(e) WHERE l <> 'Entity'][0] AS type,
       CASE WHEN e:Location THEN coalesce(e.address + ', ' + e.postcode, e.address, e.postcode, e.key)
            WHEN e:OnlineAccount THEN coalesce(e.platform + ': ' + e.handle, e.key)
            ELSE e.key END AS name,
       CASE WHEN e:Vehicle THEN trim(coalesce(e.colour + ' ', '') + coalesce(e.make + ' ', '') + coalesce(e.model, ''))
            WHEN e:Location THEN e.kind
            ELSE null END AS detail,
       COLLECT { MATCH (e)<-[r:USES|OWNS|DRIVES|PASSENGER_IN|LIVES_AT|FREQUENTS|SEEN_AT|HAS_ACCOUNT]-(p:Person)
                 RETURN DISTINCT {uid: p.uid, name: p.name, roles: coalesce(p.roles, []), how: type(r)} } AS people
ORDER BY type, name, uid
