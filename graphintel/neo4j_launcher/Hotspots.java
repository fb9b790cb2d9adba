package graphintel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.CursorFactory;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.IndexReadSession;
import org.neo4j.internal.kernel.api.NodeCursor;
import org.neo4j.internal.kernel.api.PropertyCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.RelationshipScanCursor;
import org.neo4j.internal.kernel.api.RelationshipValueIndexCursor;
import org.neo4j.internal.kernel.api.TokenRead;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexOrder;
import org.neo4j.io.pagecache.context.CursorContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.memory.MemoryTracker;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.storageengine.api.PropertySelection;
import org.neo4j.values.storable.ArrayValue;
import org.neo4j.values.storable.NumberValue;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;

/**
 * {@code graphintel.hotspots(since, limit)}: the rows of cypher/queries/hotspots.cypher,
 * counted inside the server.
 *
 * The Cypher file is the reference (tests hold the two equal); this reads the same
 * indexes and markers (graphintel/derived.py) through the kernel's cursors, so a dated
 * listing costs one pass over the index entries on or after the date instead of the
 * rows, hash sets and sorts of an interpreted plan. Read-only; it uses the indexes by
 * the names cypher/schema.cypher gives them and fails with their name when one is missing.
 */
public final class Hotspots {
    private static final String SEEN = "link_victim_seen";
    private static final String FOUND = "link_found";
    private static final String HOT = "location_hotspot";
    private static final int NO_TOKEN = -1;
    private static final Comparator<Value> ORDER = Values.COMPARATOR::compare;

    @Context
    public Transaction tx;

    private static final int ROW_PLACE = 4;
    private static final int ROW_UID = 5;
    private static final int ROW_POSTCODE = 6;
    private static final int ROW_KIND = 7;
    private static final int ROW_SUSPECTS = 8;

    /** The file's last ORDER BY: score, people, place, uid. */
    private static Comparator<Place> listed() {
        return Comparator.<Place, Value>comparing(p -> p.score, ORDER.reversed())
                .thenComparing(p -> p.people, ORDER.reversed())
                .thenComparing(p -> p.row[ROW_PLACE], ORDER)
                .thenComparing(p -> p.row[ROW_UID], ORDER);
    }

    /** One listed place, the columns of the Cypher file. */
    public static final class Row {
        public Object place_uid;
        public Object place;
        public Object postcode;
        public Object kind;
        public Object score;
        public Object victim_sightings;
        public Object victims_seen;
        public Object missing_finds;
        public Object children_found;
        public Object suspects_linked;
    }

    /** A place's counts before its name is read: the ranking keys come first. */
    private static final class Place {
        final long node;
        long sightings;
        final LongHashSet victims = new LongHashSet();
        final LongHashSet episodes = new LongHashSet();
        final Set<Value> children = new HashSet<>();
        long total;
        long seen;
        Value score = Values.NO_VALUE;
        Value people = Values.NO_VALUE;
        Value hotspot = Values.NO_VALUE;
        Value[] row;

        Place(long node) {
            this.node = node;
        }
    }

    @Procedure(name = "graphintel.hotspots", mode = Mode.READ)
    @Description("Places ranked by sightings of victims and finds of missing episodes, as "
            + "cypher/queries/hotspots.cypher lists them.")
    public Stream<Row> hotspots(@Name("since") Object since, @Name("limit") Long limit)
            throws KernelException {
        long cap = limit == null ? Long.MAX_VALUE : limit;
        if (cap < 1) {
            return Stream.empty();
        }
        try (Count count = new Count(((InternalTransaction) tx).kernelTransaction())) {
            List<Place> ranked = since == null ? count.undated(cap) : count.dated(since, cap);
            return ranked.stream().map(Hotspots::row).toList().stream();
        }
    }

    /** One request's reads: the kernel transaction's cursors (a procedure's own fields
     * may only be its context). */
    private static final class Count implements AutoCloseable {
        private static final String[] ROW_KEYS = {"hot_sightings", "hot_victims", "hot_finds",
            "hot_children", "address", "postcode", "key", "uid", "kind", "hot_suspects"};
        private final KernelTransaction ktx;
        private final Read read;
        private final TokenRead tokens;
        private final CursorFactory cursors;
        private final CursorContext context;
        private final MemoryTracker memory;
        private final NodeCursor nodes;
        private final PropertyCursor nodeProps;
        private final RelationshipScanCursor rels;
        private final PropertyCursor relProps;
        private final int[] rowKeys;

        Count(KernelTransaction ktx) {
            this.ktx = ktx;
            read = ktx.dataRead();
            tokens = ktx.tokenRead();
            cursors = ktx.cursors();
            context = ktx.cursorContext();
            memory = ktx.memoryTracker();
            nodes = cursors.allocateNodeCursor(context, memory);
            nodeProps = cursors.allocatePropertyCursor(context, memory);
            rels = cursors.allocateRelationshipScanCursor(context, memory);
            relProps = cursors.allocatePropertyCursor(context, memory);
            rowKeys = new int[ROW_KEYS.length];
            for (int i = 0; i < ROW_KEYS.length; i++) {
                rowKeys[i] = key(ROW_KEYS[i]);
            }
        }

        @Override
        public void close() {
            nodes.close();
            nodeProps.close();
            rels.close();
            relProps.close();
        }

        private IndexReadSession session(String name) throws KernelException {
            IndexDescriptor index = ktx.schemaRead().indexGetForName(name);
            if (index == null || index == IndexDescriptor.NO_INDEX) {
                throw new IllegalStateException("index " + name + " is missing: run "
                        + "'graphintel schema apply' on this database");
            }
            return read.indexReadSession(index);
        }

        /** The entries of the relationship index ``name`` that ``query`` selects, with their
         * values; the caller closes the cursor. */
        private RelationshipValueIndexCursor seek(String name, PropertyIndexQuery... query)
                throws KernelException {
            var index = cursors.allocateRelationshipValueIndexCursor(context, memory);
            try {
                read.relationshipIndexSeek(ktx.queryContext(), session(name), index,
                        IndexQueryConstraints.unorderedValues(), query);
                return index;
            } catch (KernelException | RuntimeException e) {
                index.close();
                throw e;
            }
        }

        private int key(String name) {
            return tokens.propertyKey(name);
        }

        /** The places kept by every write (Location.hotspot > 0), ranked as the file does:
         * read from the index highest first, up to the last kept place's ties. */
        private List<Place> undated(long cap) throws KernelException {
            List<Place> places = new ArrayList<>();
            int hotspot = key("hotspot");
            if (hotspot == NO_TOKEN) {
                return places;
            }
            IndexReadSession session = session(HOT);
            try (var index = cursors.allocateNodeValueIndexCursor(context, memory)) {
                read.nodeIndexSeek(ktx.queryContext(), session, index,
                        IndexQueryConstraints.constrained(IndexOrder.DESCENDING, true),
                        PropertyIndexQuery.range(hotspot, 0, false, null, false));
                Value edge = null;
                while (index.next()) {
                    Value value = index.propertyValue(0);
                    if (edge != null && ORDER.compare(value, edge) != 0) {
                        break;
                    }
                    Place p = new Place(index.nodeReference());
                    p.hotspot = value;
                    places.add(p);
                    if (places.size() == cap) {
                        edge = value;
                    }
                }
            }
            for (Place p : places) {
                p.row = readRow(p.node);
                p.score = plus(p.row[0], p.row[2]);
                p.people = plus(p.row[1], p.row[3]);
            }
            // the file's inner LIMIT is on the stored sum, its outer order on the counts
            places.sort(Comparator.<Place, Value>comparing(p -> p.hotspot, ORDER.reversed())
                    .thenComparing(p -> p.people, ORDER.reversed())
                    .thenComparing(p -> p.row[ROW_PLACE], ORDER)
                    .thenComparing(p -> p.row[ROW_UID], ORDER));
            List<Place> kept = new ArrayList<>(
                    places.subList(0, (int) Math.min(cap, places.size())));
            kept.sort(listed());
            return kept;
        }

        /** Counted from the sightings and finds on or after ``since``, as the file counts. */
        private List<Place> dated(Object given, long cap) throws KernelException {
            if (!(given instanceof String text)) {
                return List.of();  // the file compares stored text with it: nothing is equal
            }
            TextValue since = Values.stringValue(text);
            LongObjectHashMap<Place> places = new LongObjectHashMap<>(4096);
            int seenType = tokens.relationshipType("SEEN_AT");
            int last = key("victim_last_seen");
            int previous = key("victim_previous_seen");
            int first = key("victim_first_seen");
            int sightings = key("victim_sightings");
            int times = key("times");
            int firstSeen = key("first_seen");
            int lastSeen = key("last_seen");
            if (seenType != NO_TOKEN && last != NO_TOKEN && previous != NO_TOKEN
                    && first != NO_TOKEN && sightings != NO_TOKEN) {
                try (var index = seek(SEEN,
                        PropertyIndexQuery.range(last, since, true, null, false),
                        PropertyIndexQuery.exists(previous), PropertyIndexQuery.exists(first),
                        PropertyIndexQuery.exists(sightings))) {
                    while (index.next()) {
                        if (!index.readFromStore()) {
                            continue;  // its ends come from the store, not the index
                        }
                        Value firstValue = index.propertyValue(2);
                        long seen;
                        if (compare(firstValue, since) >= 0) {
                            seen = ((NumberValue) index.propertyValue(3)).longValue();
                        } else if (index.propertyValue(1) instanceof TextValue previousValue
                                && previousValue.compareTo(since) < 0) {
                            seen = 1;
                        } else {
                            seen = countFrom(index.relationshipReference(), since, times,
                                    firstSeen, lastSeen);
                        }
                        long place = index.targetNodeReference();
                        Place p = places.getIfAbsentPutWith(place, Place::new, place);
                        p.sightings += seen;
                        p.victims.add(index.sourceNodeReference());
                    }
                }
            }
            int foundType = tokens.relationshipType("FOUND_AT");
            int foundOn = key("found_on");
            int child = key("found_child");
            int subjects = key("found_subjects");
            int children = key("found_children");
            if (foundType != NO_TOKEN && foundOn != NO_TOKEN && child != NO_TOKEN
                    && subjects != NO_TOKEN) {
                try (var index = seek(FOUND,
                        PropertyIndexQuery.range(foundOn, since, true, null, false),
                        PropertyIndexQuery.exists(child), PropertyIndexQuery.exists(subjects))) {
                    while (index.next()) {
                        if (!index.readFromStore()) {
                            continue;
                        }
                        List<Value> found = Values.longValue(1).equals(index.propertyValue(2))
                                ? List.of(index.propertyValue(1))
                                : listOf(relValue(index.relationshipReference(), children));
                        if (found.isEmpty()) {
                            continue;  // the file's UNWIND of no children makes no row
                        }
                        long place = index.targetNodeReference();
                        Place p = places.getIfAbsentPutWith(place, Place::new, place);
                        p.episodes.add(index.sourceNodeReference());
                        for (Value c : found) {
                            if (c != Values.NO_VALUE) {
                                p.children.add(c);
                            }
                        }
                    }
                }
            }
            List<Place> counted = new ArrayList<>();
            for (Place p : places.values()) {
                p.total = p.sightings + p.episodes.size();
                if (p.total > 0) {
                    p.seen = p.victims.size() + p.children.size();
                    counted.add(p);
                }
            }
            // only the places up to the last kept one's ties on the counts read their names
            Comparator<Place> counts = (a, b) -> a.total != b.total
                    ? Long.compare(b.total, a.total) : Long.compare(b.seen, a.seen);
            counted.sort(counts);
            if (cap < counted.size()) {
                Place edge = counted.get((int) cap - 1);
                int end = (int) cap;
                while (end < counted.size() && counts.compare(counted.get(end), edge) == 0) {
                    end++;
                }
                counted = new ArrayList<>(counted.subList(0, end));
            }
            for (Place p : counted) {
                p.score = Values.longValue(p.total);
                p.people = Values.longValue(p.seen);
                p.row = readRow(p.node);
                p.row[0] = Values.longValue(p.sightings);
                p.row[1] = Values.longValue(p.victims.size());
                p.row[2] = Values.longValue(p.episodes.size());
                p.row[3] = Values.longValue(p.children.size());
            }
            counted.sort(listed());
            return new ArrayList<>(counted.subList(0, (int) Math.min(cap, counted.size())));
        }

        /** The stored counts (slots 0-3, replaced by a dated count), then place, uid,
         * postcode, kind and suspects linked: one pass over the node's properties. */
        private Value[] readRow(long node) {
            Value[] v = new Value[ROW_KEYS.length];
            Arrays.fill(v, Values.NO_VALUE);
            read.singleNode(node, nodes);
            if (nodes.next()) {
                nodes.properties(nodeProps, PropertySelection.ALL_PROPERTIES);
                while (nodeProps.next()) {
                    int key = nodeProps.propertyKey();
                    for (int i = 0; i < rowKeys.length; i++) {
                        if (rowKeys[i] == key) {
                            v[i] = nodeProps.propertyValue();
                        }
                    }
                }
            }
            Value[] row = new Value[9];
            System.arraycopy(v, 0, row, 0, 4);
            row[ROW_PLACE] = v[4] != Values.NO_VALUE ? v[4] : v[5] != Values.NO_VALUE ? v[5] : v[6];
            row[ROW_UID] = v[7];
            row[ROW_POSTCODE] = v[5];
            row[ROW_KIND] = v[8];
            row[ROW_SUSPECTS] = v[9] != Values.NO_VALUE ? v[9] : Values.longValue(0);
            return row;
        }

        private Value relValue(long reference, int key) {
            if (key == NO_TOKEN) {
                return Values.NO_VALUE;
            }
            read.singleRelationship(reference, rels);
            if (!rels.next()) {
                return Values.NO_VALUE;
            }
            rels.properties(relProps, PropertySelection.selection(key));
            while (relProps.next()) {
                if (relProps.propertyKey() == key) {
                    return relProps.propertyValue();
                }
            }
            return Values.NO_VALUE;
        }

        /** The sighting's dates on or after ``since``: its times, else its first and last seen. */
        private long countFrom(long reference, TextValue since, int times, int firstSeen,
                int lastSeen) {
            Value stored = relValue(reference, times);
            List<Value> dates = listOf(stored);
            if (stored == Values.NO_VALUE) {
                dates = new ArrayList<>();
                for (int key : new int[] {firstSeen, lastSeen}) {
                    Value v = relValue(reference, key);
                    if (v != Values.NO_VALUE) {
                        dates.add(v);
                    }
                }
            }
            long n = 0;
            for (Value t : dates) {
                if (compare(t, since) >= 0) {
                    n++;
                }
            }
            return n;
        }

    }

    private static List<Value> listOf(Value value) {
        List<Value> out = new ArrayList<>();
        if (value instanceof ArrayValue array) {
            for (int i = 0; i < array.intSize(); i++) {
                out.add((Value) array.value(i));
            }
        }
        return out;
    }

    /** Cypher's comparison of a stored value with text, where only text compares: -1 for
     * any other value (only "on or after" is asked through it). */
    private static int compare(Value value, TextValue text) {
        return value instanceof TextValue stored ? stored.compareTo(text) : -1;
    }

    private static Value plus(Value a, Value b) {
        if (a instanceof NumberValue x && b instanceof NumberValue y) {
            return x.plus(y);
        }
        return Values.NO_VALUE;
    }

    private static Row row(Place p) {
        Row r = new Row();
        r.place_uid = p.row[ROW_UID].asObjectCopy();
        r.place = p.row[ROW_PLACE].asObjectCopy();
        r.postcode = p.row[ROW_POSTCODE].asObjectCopy();
        r.kind = p.row[ROW_KIND].asObjectCopy();
        r.score = p.score.asObjectCopy();
        r.victim_sightings = p.row[0].asObjectCopy();
        r.victims_seen = p.row[1].asObjectCopy();
        r.missing_finds = p.row[2].asObjectCopy();
        r.children_found = p.row[3].asObjectCopy();
        r.suspects_linked = p.row[ROW_SUSPECTS].asObjectCopy();
        return r;
    }
}
