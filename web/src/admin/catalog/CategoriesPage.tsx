import { type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CategoriesQuery } from '../../shared/catalog/documents';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { CreateCategoryMutation } from './documents';

export function CategoriesPage() {
  const [result, refetch] = useQuery({ query: CategoriesQuery });
  const [state, create] = useMutation(CreateCategoryMutation);
  const errors = groupUserErrors(state.data?.createCategory.userErrors, ['name']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await create({ input: { name: String(new FormData(form).get('name') ?? '').trim() } });
    if (r.data?.createCategory.category) form.reset();
  }
  return (
    <main id="main" className="page narrow">
      <h1>Categories</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading categories">
        {({ categories }) => (
          <ul>
            {categories.map((c) => (
              <li key={c.id}>{c.name}</li>
            ))}
          </ul>
        )}
      </QueryState>
      <form onSubmit={onSubmit} aria-labelledby="new-category">
        <h2 id="new-category">New category</h2>
        <FormErrors messages={errors.general()} />
        {state.error && <RequestError error={state.error} />}
        <TextField label="Name" name="name" required errors={errors.forField('name')} />
        <button type="submit" disabled={state.fetching}>
          Create category
        </button>
        {state.data?.createCategory.category && <Status>Created {state.data.createCategory.category.name}.</Status>}
      </form>
    </main>
  );
}
