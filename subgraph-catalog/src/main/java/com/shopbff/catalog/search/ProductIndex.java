package com.shopbff.catalog.search;

import com.shopbff.catalog.product.ProductDocument;
import com.shopbff.catalog.product.ProductRepository;
import com.shopbff.catalog.product.ProductView;
import com.shopbff.support.errors.ShopGraphQLException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storefront's search engine: an in-memory Lucene index of the active products, mirroring MongoDB (the source
 * of truth). Rebuilt from MongoDB at start, updated by every administrator's write of this instance before the write's
 * response (near-real-time reader refreshed at once), by storehouse stock movements (visible within 100 ms, see
 * {@link #putSoon}) and by {@code catalog.events} for writes of other instances. Browsing
 * reads products from the index's stored fields, so a page costs no MongoDB query.
 */
@Component
public class ProductIndex implements InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ProductIndex.class);
    public static final int MAX_SEARCH_WORDS = 10;
    public static final int MAX_SEARCH_LENGTH = 200;
    public static final int MAX_SUGGESTIONS = 10;
    public static final int MAX_PREFIX_LENGTH = 100;
    static final int FUZZY_MIN_LETTERS = 4;
    private static final float NAME_PREFIX_SCORE = 8, NAME_FUZZY_SCORE = 4, NAME_WORD_SCORE = 2, DESCRIPTION_PREFIX_SCORE = 2,
            DESCRIPTION_FUZZY_SCORE = 1;

    static final String ID = "id";
    static final String ID_SORT = "id_sort";
    static final String NAME = "name";
    static final String NAME_SORT = "name_sort";
    static final String CATEGORY = "category";
    static final String PRICE = "price";
    static final String PRICE_SORT = "price_sort";
    static final String STOCK = "stock";
    static final String CREATED = "created";
    static final String CREATED_SORT = "created_sort";
    static final String UPDATED = "updated";
    static final String DESCRIPTION = "description";
    static final String DESCRIPTION_TEXT = "description_text";
    static final String CATEGORY_FACET = "category_facet";
    static final String IMAGE = "image";

    private final ProductRepository products;
    private final NameAnalyzer analyzer = new NameAnalyzer();
    private final Directory directory = new ByteBuffersDirectory();
    /** Version and stock of each product the index holds: an older state arriving late (a slow writer, an event) is ignored. */
    private final ConcurrentHashMap<String, Indexed> versions = new ConcurrentHashMap<>();

    private record Indexed(long version, int stock) {}
    private IndexWriter writer;
    private SearcherManager searchers;
    private ControlledRealTimeReopenThread<IndexSearcher> reopener;

    public ProductIndex(ProductRepository products) {
        this.products = products;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        searchers = new SearcherManager(writer, null);
        rebuild();
        // Changes that arrive as events (other instances' writes) become visible within 100 ms, in batches.
        reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 0.1, 0.01);
        reopener.setName("catalog-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /** Reads every active product from MongoDB into a fresh index. */
    public void rebuild() {
        long started = System.nanoTime();
        try {
            writer.deleteAll();
            versions.clear();
            int[] count = {0};
            products.forEachActive(p -> {
                put(p, false);
                count[0]++;
            });
            searchers.maybeRefreshBlocking();
            log.info("product index rebuilt from MongoDB: {} products in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Brings the index up to the given state of a product and makes it visible to the next search. */
    public void put(ProductDocument product) {
        put(product, true);
    }

    /**
     * Indexes a product without waiting for searches to see it: they do within 100 ms (the near-real-time reader is
     * refreshed in the background). For the storehouse's stock movements, which come from Kafka and have no caller
     * waiting to read them back: refreshing the reader after each would cost a new index segment per message.
     */
    public void putSoon(ProductDocument product) {
        put(product, false);
    }

    /**
     * Whether the index already shows this stock for the product: a StockChanged event of this instance's own write
     * (or one already superseded by the same figure) needs no reload from MongoDB.
     */
    public boolean showsStock(String productId, int stock) {
        Indexed indexed = versions.get(productId);
        return indexed != null && indexed.stock() == stock;
    }

    /**
     * Re-reads a product from MongoDB (after another instance changed it) and indexes it; searches see it within
     * 100 ms (refreshing after every event would make a burst of events slow).
     */
    public void reload(String productId) {
        products.findById(productId).ifPresent(p -> put(p, false));
    }

    /**
     * Re-reads a product from MongoDB (after another instance's administrator changed it) and indexes it, visible to
     * the next search: that instance's write waits for it ({@link SearchReplicas}).
     */
    public void reloadNow(String productId) {
        products.findById(productId).ifPresent(p -> put(p, true));
    }

    private void put(ProductDocument p, boolean refresh) {
        versions.compute(p.id(), (id, indexed) -> {
            if (indexed != null && indexed.version() > p.version()) return indexed;
            try {
                if (p.active()) writer.updateDocument(new Term(ID, p.id()), document(p));
                else writer.deleteDocuments(new Term(ID, p.id()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Indexed(p.version(), p.stock());
        });
        if (refresh) {
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public ProductSearchResult search(ProductSearchRequest request) {
        Query query = query(request);
        Sort sort = sort(request.sortKey(), request.descending());
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int maxDoc = searcher.getIndexReader().maxDoc();
            if (maxDoc == 0) return new ProductSearchResult(List.of(), false, 0);
            FieldDoc after = request.after() == null ? null : fieldDoc(request.after(), maxDoc - 1);
            // Counting every hit in the same pass that collects the page: totalCount is exact without a second pass.
            TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort, request.size() + 1, after, Integer.MAX_VALUE));
            int total = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO
                    ? (int) top.totalHits.value() : searcher.count(query);
            StoredFields stored = searcher.storedFields();
            List<ProductSearchResult.Hit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = 0; i < Math.min(docs.length, request.size()); i++) {
                FieldDoc fd = (FieldDoc) docs[i];
                ProductView view = view(stored.document(fd.doc));
                hits.add(new ProductSearchResult.Hit(view, cursor(request, view.id(), fd.fields[0]).encode()));
            }
            return new ProductSearchResult(hits, docs.length > request.size(), total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                log.warn("could not release a searcher: {}", e.getMessage());
            }
        }
    }

    /**
     * Products per category and per price band among every product the request's search and filters match. Reads
     * doc values only (no stored fields), one pass over the hits.
     *
     * @param bandBoundsMinor ascending lower bounds of the bands after the first (which starts at 0)
     */
    public Facets facets(ProductSearchRequest request, long[] bandBoundsMinor) {
        Query query = query(request);
        return withSearcher(searcher -> {
            Map<String, Integer> categories = new HashMap<>();
            int[] bands = new int[bandBoundsMinor.length + 1];
            searcher.search(query, new CollectorManager<Collector, Void>() {
                @Override
                public Collector newCollector() {
                    return new Collector() {
                        @Override
                        public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
                            SortedDocValues category = DocValues.getSorted(leaf.reader(), CATEGORY_FACET);
                            NumericDocValues price = DocValues.getNumeric(leaf.reader(), PRICE_SORT);
                            int[] perOrd = new int[Math.max(1, category.getValueCount())];
                            return new LeafCollector() {
                                @Override
                                public void setScorer(Scorable scorer) {
                                }

                                @Override
                                public void collect(int doc) throws IOException {
                                    if (category.advanceExact(doc)) perOrd[category.ordValue()]++;
                                    if (price.advanceExact(doc)) {
                                        int band = Arrays.binarySearch(bandBoundsMinor, price.longValue());
                                        bands[band >= 0 ? band + 1 : -band - 1]++;
                                    }
                                }

                                @Override
                                public void finish() throws IOException {
                                    for (int ord = 0; ord < category.getValueCount(); ord++)
                                        if (perOrd[ord] > 0) categories.merge(category.lookupOrd(ord).utf8ToString(), perOrd[ord], Integer::sum);
                                }
                            };
                        }

                        @Override
                        public ScoreMode scoreMode() {
                            return ScoreMode.COMPLETE_NO_SCORES;
                        }
                    };
                }

                @Override
                public Void reduce(Collection<Collector> collectors) {
                    return null;
                }
            });
            return new Facets(Map.copyOf(categories), bands);
        });
    }

    /** Products per category id, and per price band (index i = band i). */
    public record Facets(Map<String, Integer> categories, int[] priceBands) {}

    /** Up to {@value #MAX_SUGGESTIONS} distinct names of products on sale for an autocomplete box, best match first. */
    public List<ProductView> suggest(String prefix) {
        String text = prefix == null ? "" : prefix.strip();
        if (text.isEmpty() || text.length() > MAX_PREFIX_LENGTH)
            throw ShopGraphQLException.badInput("prefix must be 1 to " + MAX_PREFIX_LENGTH + " characters");
        List<String> words = analyzer.words(NAME, text);
        if (words.size() > MAX_SEARCH_WORDS) throw ShopGraphQLException.badInput("prefix may have at most " + MAX_SEARCH_WORDS + " words");
        if (words.isEmpty()) return List.of();
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String w : words) q.add(wordQuery(w, false), BooleanClause.Occur.MUST);
        Query query = q.build();
        // Best match first, then by name: the same names in the same order on every call.
        Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(NAME_SORT, SortField.Type.STRING), new SortField(ID_SORT, SortField.Type.STRING));
        int want = MAX_SUGGESTIONS * 3;
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort, want, null, want));
            StoredFields stored = searcher.storedFields();
            Map<String, ProductView> byName = new LinkedHashMap<>();
            for (ScoreDoc sd : top.scoreDocs) {
                ProductView v = view(stored.document(sd.doc));
                byName.putIfAbsent(sortName(v.name()), v);
                if (byName.size() == MAX_SUGGESTIONS) break;
            }
            return List.copyOf(byName.values());
        });
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                log.warn("could not release a searcher: {}", e.getMessage());
            }
        }
    }

    private Query query(ProductSearchRequest r) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        boolean any = false;
        if (r.search() != null && !r.search().isBlank()) {
            if (r.search().length() > MAX_SEARCH_LENGTH) {
                throw ShopGraphQLException.badInput("search must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            List<String> words = analyzer.words(NAME, r.search());
            if (words.size() > MAX_SEARCH_WORDS) {
                throw ShopGraphQLException.badInput("search may have at most " + MAX_SEARCH_WORDS + " words");
            }
            // Every word must match: "oolo tea" finds "Oolong Tea", not "Tea" alone.
            for (String w : words) {
                q.add(wordQuery(w, true), BooleanClause.Occur.MUST);
                any = true;
            }
        }
        if (r.categoryId() != null) {
            q.add(new TermQuery(new Term(CATEGORY, r.categoryId())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (r.inStock() != null) {
            q.add(r.inStock() ? IntPoint.newRangeQuery(STOCK, 1, Integer.MAX_VALUE) : IntPoint.newRangeQuery(STOCK, Integer.MIN_VALUE, 0),
                    BooleanClause.Occur.FILTER);
            any = true;
        }
        if (r.minPrice() != null || r.maxPrice() != null) {
            q.add(LongPoint.newRangeQuery(PRICE, r.minPrice() == null ? Long.MIN_VALUE : r.minPrice(),
                    r.maxPrice() == null ? Long.MAX_VALUE : r.maxPrice()), BooleanClause.Occur.FILTER);
            any = true;
        }
        return any ? q.build() : new MatchAllDocsQuery();
    }

    /**
     * One searched word: it must start a word of the name or of the description, or (4+ letters) be one typo away
     * from one (two from 8 letters). Constant scores make the ranking explicit and stable: in the name, a whole word
     * scores 8 (prefix) + 4 (the fuzzy query matches it too) + 2 (whole word) = 14, the start of a word 8 (+ 4 when it
     * is also a typo away from a word), a typo 4; in the description at most 2 + 1. So any name match outranks every
     * description-only match, a whole word a mere prefix, and an exact word a typo.
     */
    private static Query wordQuery(String word, boolean descriptions) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(scored(new PrefixQuery(new Term(NAME, word)), NAME_PREFIX_SCORE), BooleanClause.Occur.SHOULD);
        b.add(scored(new TermQuery(new Term(NAME, word)), NAME_WORD_SCORE), BooleanClause.Occur.SHOULD);
        if (descriptions) b.add(scored(new PrefixQuery(new Term(DESCRIPTION_TEXT, word)), DESCRIPTION_PREFIX_SCORE), BooleanClause.Occur.SHOULD);
        int letters = word.codePointCount(0, word.length());
        if (letters >= FUZZY_MIN_LETTERS) {
            int edits = letters >= 8 ? 2 : 1;
            b.add(scored(fuzzy(NAME, word, edits), NAME_FUZZY_SCORE), BooleanClause.Occur.SHOULD);
            if (descriptions) b.add(scored(fuzzy(DESCRIPTION_TEXT, word, edits), DESCRIPTION_FUZZY_SCORE), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    /**
     * First letter fixed, transpositions count as one edit, every term within reach. Constant-score rewrite: the clause
     * is scored as a whole ({@link #scored}), so ranking the expanded terms among themselves (the default top-50-terms
     * rewrite) was wasted work: it made a misspelt search cost 13 times more in the benchmark (0.65 against 8.7 ms p50).
     */
    private static Query fuzzy(String field, String word, int edits) {
        return new FuzzyQuery(new Term(field, word), edits, 1, Integer.MAX_VALUE, true, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE);
    }

    private static Query scored(Query q, float score) {
        return new BoostQuery(new ConstantScoreQuery(q), score);
    }

    private static Sort sort(ProductSearchRequest.SortKey key, boolean descending) {
        if (key == ProductSearchRequest.SortKey.RELEVANCE)
            return new Sort(SortField.FIELD_SCORE, new SortField(ID_SORT, SortField.Type.STRING));
        SortField first = switch (key) {
            case NAME -> new SortField(NAME_SORT, SortField.Type.STRING, descending);
            case PRICE -> new SortField(PRICE_SORT, SortField.Type.LONG, descending);
            case CREATED -> new SortField(CREATED_SORT, SortField.Type.LONG, descending);
            case RELEVANCE -> throw new IllegalStateException("handled above");
        };
        // The id makes the order total, so search-after never skips or repeats products with equal keys.
        return new Sort(first, new SortField(ID_SORT, SortField.Type.STRING, descending));
    }

    private static FieldDoc fieldDoc(SearchCursor c, int lastDoc) {
        Object value = switch (c.sortKey()) {
            case NAME -> new BytesRef(c.value());
            case RELEVANCE -> Float.valueOf(c.value());
            default -> Long.valueOf(c.value());
        };
        // The last doc id: a product equal on every sort field (the cursor's own product) counts as already seen.
        return new FieldDoc(lastDoc, Float.NaN, new Object[]{value, new BytesRef(c.id())});
    }

    private static SearchCursor cursor(ProductSearchRequest r, String id, Object sortValue) {
        String value = sortValue instanceof BytesRef b ? b.utf8ToString() : String.valueOf(sortValue);
        return new SearchCursor(r.sortKey(), r.descending(), id, value);
    }

    static String sortName(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static Document document(ProductDocument p) {
        Document d = new Document();
        d.add(new StringField(ID, p.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(ID_SORT, new BytesRef(p.id())));
        d.add(new TextField(NAME, p.name(), Field.Store.YES));
        d.add(new SortedDocValuesField(NAME_SORT, new BytesRef(sortName(p.name()))));
        d.add(new StringField(CATEGORY, p.categoryId(), Field.Store.YES));
        d.add(new LongPoint(PRICE, p.priceMinor()));
        d.add(new StoredField(PRICE, p.priceMinor()));
        d.add(new NumericDocValuesField(PRICE_SORT, p.priceMinor()));
        d.add(new IntPoint(STOCK, p.stock()));
        d.add(new StoredField(STOCK, p.stock()));
        d.add(new StoredField(CREATED, p.createdAt().toEpochMilli()));
        d.add(new NumericDocValuesField(CREATED_SORT, p.createdAt().toEpochMilli()));
        d.add(new StoredField(UPDATED, p.updatedAt().toEpochMilli()));
        d.add(new SortedDocValuesField(CATEGORY_FACET, new BytesRef(p.categoryId())));
        if (p.description() != null) {
            d.add(new StoredField(DESCRIPTION, p.description()));
            d.add(new TextField(DESCRIPTION_TEXT, p.description(), Field.Store.NO));
        }
        for (String image : p.images()) d.add(new StoredField(IMAGE, image));
        return d;
    }

    private static ProductView view(Document d) {
        return new ProductView(d.get(ID), d.get(NAME), d.get(DESCRIPTION), d.get(CATEGORY),
                d.getField(PRICE).numericValue().longValue(), d.getField(STOCK).numericValue().intValue(),
                Arrays.stream(d.getFields(IMAGE)).map(IndexableField::stringValue).toList(), true,
                Instant.ofEpochMilli(d.getField(CREATED).numericValue().longValue()),
                Instant.ofEpochMilli(d.getField(UPDATED).numericValue().longValue()));
    }

    @Override
    public void destroy() throws IOException {
        if (reopener != null) reopener.close();
        searchers.close();
        writer.close();
        directory.close();
    }
}
