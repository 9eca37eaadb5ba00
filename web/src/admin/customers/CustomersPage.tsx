import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Loading, RequestError, TextField } from '../../shared/ui/components';
import { formatDate, humanize } from '../../shared/ui/format';
import { CustomersQuery } from './documents';

export function CustomersPage() {
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSearch(String(new FormData(e.currentTarget).get('q') ?? '').trim());
    setCursors([null]);
  }
  return (
    <main id="main" className="page">
      <h1>Customers</h1>
      <form role="search" className="filters" onSubmit={onSubmit} aria-label="Customers">
        <TextField label="Email or name" name="q" type="search" defaultValue={search} />
        <button type="submit">Search</button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
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
  const [result, refetch] = useQuery({ query: CustomersQuery, variables: { first: 20, after, search: search || null } });
  if (!result.data) {
    return (
      <tbody>
        <tr>
          <td colSpan={4}>{result.error ? <RequestError error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading what="Loading customers" />}</td>
        </tr>
      </tbody>
    );
  }
  const { customers } = result.data;
  return (
    <tbody>
      {after === null && customers.totalCount === 0 && (
        <tr>
          <td colSpan={4}>No customers match.</td>
        </tr>
      )}
      {customers.edges.map(({ node }) => (
        <tr key={node.id}>
          <th scope="row">
            <Link to={`/customers/${node.id}`}>{node.name}</Link>
          </th>
          <td>{node.email}</td>
          <td>{humanize(node.role)}</td>
          <td>{formatDate(node.createdAt)}</td>
        </tr>
      ))}
      {last && customers.pageInfo.hasNextPage && customers.pageInfo.endCursor && (
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onMore(customers.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
