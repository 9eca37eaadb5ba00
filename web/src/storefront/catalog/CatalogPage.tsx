import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import type { ProductFilter, ProductSort } from '../../gql/graphql';
import { Loading, RequestError, SelectField, TextField } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { fromCents, toCents } from '../../shared/ui/money';
import { useDebounced } from '../../shared/ui/useDebounced';
import { AddToCartButton } from '../cart/AddToCartButton';
import { CategoriesQuery } from '../../shared/catalog/documents';
import { CatalogPageQuery, SearchSuggestionsQuery } from './documents';

export const PAGE_SIZE = 20;

const SORTS: Record<string, ProductSort> = {
  relevance: { field: 'RELEVANCE' },
  'name-asc': { field: 'NAME', direction: 'ASC' },
  'name-desc': { field: 'NAME', direction: 'DESC' },
  'price-asc': { field: 'PRICE', direction: 'ASC' },
  'price-desc': { field: 'PRICE', direction: 'DESC' },
  'new-first': { field: 'CREATED', direction: 'DESC' },
};

/** The filter and sort live in the URL, so that back/forward, reloads and shared links show the same list. */
function useCatalogParams() {
  const [params, setParams] = useSearchParams();
  const filter: ProductFilter = {};
  const q = params.get('q')?.trim();
  if (q) filter.search = q;
  if (params.get('category')) filter.categoryId = params.get('category');
  if (params.get('stock') === 'in') filter.inStock = true;
  if (params.get('min')) filter.minPrice = params.get('min');
  if (params.get('max')) filter.maxPrice = params.get('max');
  // with search text the best matches come first, unless the visitor chose another order
  const sortKey = params.get('sort') && SORTS[params.get('sort')!] ? params.get('sort')! : q ? 'relevance' : 'name-asc';
  return { params, setParams, filter, sortKey, sort: SORTS[sortKey] };
}

export function CatalogPage() {
  const { params, setParams, filter, sortKey, sort } = useCatalogParams();
  const [categories, refetchCategories] = useQuery({ query: CategoriesQuery });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filterKey = JSON.stringify({ filter, sort });
  // A new filter or sort starts again from the first page.
  useEffect(() => setCursors([null]), [filterKey]);

  function onSearch(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'category', 'stock', 'min', 'max', 'sort']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  }

  return (
    <main id="main" className="page catalog">
      <h1>Catalog</h1>
      <form role="search" aria-label="Products" className="filters" onSubmit={onSearch} key={params.toString()}>
        <SearchBox defaultValue={params.get('q') ?? ''} />
        <SelectField label="Category" name="category" defaultValue={params.get('category') ?? ''}>
          <option value="">All categories</option>
          {categories.data?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Min price" name="min" inputMode="decimal" pattern="\d+(\.\d{1,2})?" defaultValue={params.get('min') ?? ''} size={6} />
        <TextField label="Max price" name="max" inputMode="decimal" pattern="\d+(\.\d{1,2})?" defaultValue={params.get('max') ?? ''} size={6} />
        <SelectField label="Stock" name="stock" defaultValue={params.get('stock') ?? ''}>
          <option value="">Any</option>
          <option value="in">In stock only</option>
        </SelectField>
        <SelectField label="Sort by" name="sort" defaultValue={sortKey}>
          <option value="relevance">Best match</option>
          <option value="name-asc">Name, A–Z</option>
          <option value="name-desc">Name, Z–A</option>
          <option value="price-asc">Price, low to high</option>
          <option value="price-desc">Price, high to low</option>
          <option value="new-first">Newest first</option>
        </SelectField>
        <button type="submit">Search</button>
      </form>
      {categories.error && <RequestError error={categories.error} retry={() => refetchCategories({ requestPolicy: 'network-only' })} />}
      <div className="catalog-layout">
      <Facets filter={filter} sort={sort} params={params} />
      <ul className="product-grid" aria-label="Products">
        {cursors.map((after, i) => (
          <ProductPage
            key={`${filterKey}:${after ?? ''}`}
            filter={filter}
            sort={sort}
            after={after}
            first={i === 0}
            last={i === cursors.length - 1}
            onLoadMore={(cursor) => setCursors((c) => [...c, cursor])}
          />
        ))}
      </ul>
      </div>
    </main>
  );
}

/** Search words, with product names suggested as the visitor types (a native datalist: keyboard and screen readers work). */
function SearchBox({ defaultValue }: { defaultValue: string }) {
  const [text, setText] = useState(defaultValue);
  const prefix = useDebounced(text.trim(), 250);
  const [suggestions] = useQuery({ query: SearchSuggestionsQuery, variables: { prefix }, pause: prefix.length < 2 || prefix.length > 100 });
  const listId = useId();
  return (
    <>
      <TextField
        label="Search"
        name="q"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="e.g. oolong tea"
        list={listId}
        autoComplete="off"
      />
      <datalist id={listId}>
        {prefix.length >= 2 &&
          suggestions.data?.searchSuggestions.map((s) => <option key={s.id} value={s.name} />)}
      </datalist>
    </>
  );
}

/** How many products each category and price band holds for the current search: links that narrow the list. */
function Facets({ filter, sort, params }: { filter: ProductFilter; sort: ProductSort; params: URLSearchParams }) {
  const [result] = useQuery({ query: CatalogPageQuery, variables: { first: PAGE_SIZE, after: null, filter, sort, withFacets: true } });
  const facets = result.data?.products.facets;
  if (!facets) return <aside className="facets" aria-label="Refine" />;
  const link = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `/?${next.toString()}`;
  };
  return (
    <aside className="facets" aria-label="Refine">
      <h2>Categories</h2>
      <ul>
        {filter.categoryId && (
          <li>
            <Link to={link({ category: null })}>All categories</Link>
          </li>
        )}
        {facets.categories.map((c) => (
          <li key={c.category.id}>
            <Link to={link({ category: c.category.id })} aria-current={filter.categoryId === c.category.id ? 'true' : undefined}>
              {c.category.name}
            </Link>{' '}
            <span className="muted">({c.count})</span>
          </li>
        ))}
      </ul>
      <h2>Price</h2>
      <ul>
        {(filter.minPrice || filter.maxPrice) && (
          <li>
            <Link to={link({ min: null, max: null })}>Any price</Link>
          </li>
        )}
        {facets.priceBands.map((b) => (
          <li key={b.min.amount}>
            {b.count === 0 ? (
              <span className="muted">
                {bandLabel(b)} (0)
              </span>
            ) : (
              <>
                <Link to={link({ min: b.min.amount, max: b.max ? maxInclusive(b.max.amount) : null })}>{bandLabel(b)}</Link>{' '}
                <span className="muted">({b.count})</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function bandLabel(b: { min: { amount: string; currency: string }; max?: { amount: string; currency: string } | null }) {
  return b.max ? `${formatMoney(b.min)} – ${formatMoney(b.max)}` : `${formatMoney(b.min)} and more`;
}

/** A band's upper bound is exclusive; the filter's maxPrice is inclusive: one cent less. */
export function maxInclusive(exclusive: string): string {
  return fromCents(toCents(exclusive) - 1);
}

/**
 * One page of 20 products; the last page shows the "Load more" button with the next cursor. A page loaded by
 * "Load more" moves the keyboard focus to its first product, where reading continues.
 */
function ProductPage({
  filter,
  sort,
  after,
  first,
  last,
  onLoadMore,
}: {
  filter: ProductFilter;
  sort: ProductSort;
  after: string | null;
  first: boolean;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const [result, refetch] = useQuery({ query: CatalogPageQuery, variables: { first: PAGE_SIZE, after, filter, sort, withFacets: after === null } });
  const firstLink = useRef<HTMLAnchorElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!first && result.data && !focused.current) {
      focused.current = true;
      firstLink.current?.focus();
    }
  }, [first, result.data]);
  if (result.error && !result.data) {
    return (
      <li className="wide">
        <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </li>
    );
  }
  if (!result.data) {
    return (
      <li className="wide">
        <Loading what="Loading products" />
      </li>
    );
  }
  const { products } = result.data;
  return (
    <>
      {first && (
        <li className="wide result-count">
          {products.totalCount === 0 ? 'No products match.' : `${products.totalCount} product${products.totalCount === 1 ? '' : 's'}`}
        </li>
      )}
      {products.edges.map(({ node }, i) => (
        <li key={node.id} className="product-card">
          {node.images[0] ? <img src={node.images[0]} alt="" loading="lazy" /> : <div className="no-image" aria-hidden="true" />}
          <h2>
            <Link to={`/products/${node.id}`} ref={i === 0 ? firstLink : undefined}>
              {node.name}
            </Link>
          </h2>
          <p className="muted">{node.category.name}</p>
          <p className="price">{formatMoney(node.price)}</p>
          <p className={node.available ? 'stock' : 'stock out'}>{node.available ? `${node.stock} in stock` : 'Sold out'}</p>
          <AddToCartButton productId={node.id} productName={node.name} disabled={!node.available} />
        </li>
      ))}
      {last && products.pageInfo.hasNextPage && products.pageInfo.endCursor && (
        <li className="wide load-more">
          <button type="button" onClick={() => onLoadMore(products.pageInfo.endCursor!)}>
            Load more
          </button>
        </li>
      )}
    </>
  );
}
