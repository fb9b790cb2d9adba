// Imports graph files with the Gephi toolkit, as Gephi's own "Open" does, and prints what
// Gephi ends up with as one JSON object per file (one per line): node and edge counts,
// the attribute columns, every edge (id, ends, kind, weight, time intervals and its
// attribute values), node colours, sizes and positions, the workspace's title and
// description, and the importer's issues.
// Run: java -cp gephi-toolkit-0.10.1-all.jar GephiCheck.java FILE...
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Interval;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public class GephiCheck {
    static String q(Object o) {
        if (o == null) return "null";
        String s = o.toString();
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String columns(Table table) {
        List<String> out = new ArrayList<>();
        for (Column c : table) {
            out.add("{\"id\":" + q(c.getId()) + ",\"title\":" + q(c.getTitle()) + ",\"type\":"
                    + q(c.getTypeClass().getSimpleName()) + ",\"property\":" + c.isProperty()
                    + ",\"dynamic\":" + c.isDynamic() + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    static String attributes(Element e, Table table) {
        List<String> out = new ArrayList<>();
        for (Column c : table) {
            if (c.isProperty()) continue;
            Object v = e.getAttribute(c);
            if (v != null) out.add(q(c.getTitle()) + ":" + q(v));
        }
        return "{" + String.join(",", out) + "}";
    }

    static String intervals(Element e) {
        List<String> out = new ArrayList<>();
        try {
            for (Interval i : e.getIntervals()) out.add("[" + i.getLow() + "," + i.getHigh() + "]");
        } catch (RuntimeException ex) {
            for (double t : e.getTimestamps()) out.add("[" + t + "," + t + "]");
        }
        return "[" + String.join(",", out) + "]";
    }

    public static void main(String[] args) {
        for (String path : args) {
            ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
            pc.newProject();
            Workspace ws = pc.getCurrentWorkspace();
            ImportController ic = Lookup.getDefault().lookup(ImportController.class);
            Container container;
            try {
                container = ic.importFile(new File(path));
            } catch (Exception ex) {
                System.out.println("{\"file\":" + q(path) + ",\"error\":" + q(ex) + "}");
                continue;
            }
            if (container == null) {
                System.out.println("{\"file\":" + q(path) + ",\"error\":\"not imported\"}");
                continue;
            }
            List<String> issues = new ArrayList<>();
            java.util.Iterator<Issue> it = container.getReport().getIssues(1000);
            while (it.hasNext()) {
                Issue issue = it.next();
                issues.add(q(issue.getLevel() + ": " + issue.getMessage()));
            }
            ic.process(container, new DefaultProcessor(), ws);
            GraphModel gm = Lookup.getDefault().lookup(GraphController.class).getGraphModel(ws);
            Graph g = gm.getGraph();
            List<String> nodes = new ArrayList<>();
            for (Node n : g.getNodes()) {
                java.awt.Color c = n.getColor();
                nodes.add("{\"id\":" + q(n.getId()) + ",\"label\":" + q(n.getLabel())
                        + ",\"color\":[" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + "]"
                        + ",\"size\":" + n.size() + ",\"x\":" + n.x() + ",\"y\":" + n.y()
                        + ",\"intervals\":" + intervals(n)
                        + ",\"attributes\":" + attributes(n, gm.getNodeTable()) + "}");
            }
            List<String> edges = new ArrayList<>();
            for (Edge e : g.getEdges()) {
                edges.add("{\"id\":" + q(e.getId()) + ",\"source\":" + q(e.getSource().getId())
                        + ",\"target\":" + q(e.getTarget().getId()) + ",\"label\":" + q(e.getLabel())
                        + ",\"kind\":" + q(gm.getEdgeTypeLabel(e.getType()))
                        + ",\"directed\":" + e.isDirected() + ",\"weight\":" + e.getWeight()
                        + ",\"intervals\":" + intervals(e)
                        + ",\"attributes\":" + attributes(e, gm.getEdgeTable()) + "}");
            }
            System.out.println("{\"file\":" + q(path) + ",\"node_count\":" + g.getNodeCount()
                    + ",\"edge_count\":" + g.getEdgeCount()
                    + ",\"time_representation\":" + q(gm.getConfiguration().getTimeRepresentation())
                    + ",\"title\":" + q(ws.getWorkspaceMetadata().getTitle())
                    + ",\"description\":" + q(ws.getWorkspaceMetadata().getDescription())
                    + ",\"node_columns\":" + columns(gm.getNodeTable())
                    + ",\"edge_columns\":" + columns(gm.getEdgeTable())
                    + ",\"issues\":[" + String.join(",", issues) + "]"
                    + ",\"nodes\":[" + String.join(",", nodes) + "]"
                    + ",\"edges\":[" + String.join(",", edges) + "]}");
            pc.closeCurrentProject();
        }
        System.exit(0);
    }
}
