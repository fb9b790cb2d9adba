// name: web_data_version
// description: What the workspace's cached pages depend on: node and relationship totals, the latest complete analysis run, and the meeting actions' last change.
// returns: nodes, relationships, run, actions, action_updated
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (r:AnalysisRun) WHERE coalesce(r.status, 'complete') = 'complete'
          RETURN max(r.created_at) AS run }
CALL () { MATCH (a:MeetingAction) RETURN count(a) AS actions, max(a.updated_at) AS action_updated }
RETURN nodes, relationships, run, actions, action_updated
