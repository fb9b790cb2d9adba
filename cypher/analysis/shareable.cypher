// name: report_handling
// description: Handling of every report (may it be shared with partners), for redacted outputs.
// returns: ref, shareable
MATCH (r:Report)
RETURN r.ref AS ref, coalesce(r.partner_shareable, false) AS shareable
