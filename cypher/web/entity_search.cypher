// name: web_entity_search
// description: Phones, vehicles, places and online accounts matching what an officer typed (a normalised phone, VRM or postcode, or words of an address or handle), each with the people linked to it.
// param: phone: str = null — a phone number already normalised to E.164, or null
// param: vrm: str = null — a VRM already normalised (upper case, no spaces), or null
// param: postcode: str = null — a postcode already in canonical form, or null
// param: text: str — the text as typed, lower-cased: matched inside addresses and handles
// param: limit: int = 20 — at most this many entities
// returns: uid, type, name, detail, people
CALL {
  MATCH (e:Phone) WHERE $phone IS NOT NULL AND e.key = $phone
  RETURN e
  UNION
  MATCH (e:Vehicle) WHERE $vrm IS NOT NULL AND e.key = $vrm
  RETURN e
  UNION
  MATCH (e:Location) WHERE $postcode IS NOT NULL AND e.postcode = $postcode
  RETURN e
  UNION
  MATCH (e:Location) WHERE size($text) >= 3 AND toLower(coalesce(e.address, '')) CONTAINS $text
  RETURN e
  UNION
  MATCH (e:OnlineAccount) WHERE size($text) >= 3 AND toLower(coalesce(e.handle, '')) CONTAINS $text
  RETURN e
}
WITH e LIMIT $limit
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
