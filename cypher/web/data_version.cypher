// name: web_data_version
// description: What the workspace's cached pages depend on: node and relationship totals, the latest complete analysis run, the meeting actions' last change, and the latest new version of a report (which may change no total).
// returns: nodes, relationships, run, actions, action_updated, versioned
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (r:AnalysisRun) WHERE coalesce(r.status, 'complete') = 'complete'
          RETURN max(r.created_at) AS run }
CALL () { MATCH (a:MeetingAction) RETURN count(a) AS actions, max(a.updated_at) AS action_updated }
CALL () { MATCH (r:Report) WHERE r.version_at IS NOT NULL RETURN max(r.version_at) AS versioned }
RETURN nodes, relationships, run, actions, action_updated, versioned
