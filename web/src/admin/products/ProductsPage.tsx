import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Loading, RequestError, TextField } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { AdminProductsQuery } from './documents';

export function ProductsPage() {
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSearch(String(new FormData(e.currentTarget).get('q') ?? '').trim());
    setCursors([null]);
  }
  return (
    <main id="main" className="page">
      <h1>Products</h1>
      <p>
        <Link className="button" to="/products/new">
          New product
        </Link>
      </p>
      <form role="search" className="filters" onSubmit={onSubmit} aria-label="Products">
        <TextField label="Search by name" name="q" type="search" defaultValue={search} />
        <button type="submit">Search</button>
      </form>
      <p className="muted">Products on sale, newest first (deleted products stay reachable from their orders).</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        {cursors.map((after, i) => (
          <Rows key={`${search}:${after ?? ''}`} search={search} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors((cs) => [...cs, c])} />
        ))}
      </table>
    </main>
  );
}

function Rows({ search, after, last, onMore }: { search: string; after: string | null; last: boolean; onMore: (c: string) => void }) {
  const [result, refetch] = useQuery({
    query: AdminProductsQuery,
    variables: { first: 20, after, filter: search ? { search } : null },
  });
  if (!result.data) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>{result.error ? <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading what="Loading products" />}</td>
        </tr>
      </tbody>
    );
  }
  const { products } = result.data;
  return (
    <tbody>
      {after === null && products.totalCount === 0 && (
        <tr>
          <td colSpan={4}>No products.</td>
        </tr>
      )}
      {products.edges.map(({ node }) => (
        <tr key={node.id}>
          <th scope="row">
            <Link to={`/products/${node.id}`}>{node.name}</Link>
          </th>
          <td>{node.category.name}</td>
          <td className="money">{formatMoney(node.price)}</td>
          <td>{node.stock}</td>
        </tr>
      ))}
      {last && products.pageInfo.hasNextPage && products.pageInfo.endCursor && (
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onMore(products.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
