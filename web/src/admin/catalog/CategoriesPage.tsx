import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CategoriesQuery } from '../../shared/catalog/documents';
import { FormErrors, QueryState, RequestError, Status, TextField } from '../../shared/ui/components';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { CreateCategoryMutation, DeleteCategoryMutation, UpdateCategoryMutation } from './documents';

const TAX_CLASS_HINT = '"standard", or a reduced class the tax rates know, e.g. "food".';

export function CategoriesPage() {
  const [result, refetch] = useQuery({ query: CategoriesQuery });
  const [state, create] = useMutation(CreateCategoryMutation);
  const errors = groupUserErrors(state.data?.createCategory.userErrors, ['name', 'taxClass']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const r = await create({ input: { name: String(f.get('name') ?? '').trim(), taxClass: String(f.get('taxClass') ?? '').trim() || null } });
    if (r.data?.createCategory.category) form.reset();
  }
  return (
    <main id="main" className="page">
      <h1>Categories</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading categories">
        {({ categories }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Tax class</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <CategoryRow key={c.id} category={c} />
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <form onSubmit={onSubmit} className="narrow" aria-labelledby="new-category">
        <h2 id="new-category">New category</h2>
        <FormErrors messages={errors.general()} />
        {state.error && <RequestError error={state.error} />}
        <TextField label="Name" name="name" required errors={errors.forField('name')} />
        <TextField label="Tax class" name="taxClass" placeholder="standard" hint={TAX_CLASS_HINT} errors={errors.forField('taxClass')} />
        <button type="submit" disabled={state.fetching}>
          Create category
        </button>
        {state.data?.createCategory.category && <Status>Created {state.data.createCategory.category.name}.</Status>}
      </form>
    </main>
  );
}

function CategoryRow({ category }: { category: { id: string; name: string; taxClass: string } }) {
  const [editing, setEditing] = useState(false);
  const [update, doUpdate] = useMutation(UpdateCategoryMutation);
  const [remove, doRemove] = useMutation(DeleteCategoryMutation);
  const errors = groupUserErrors(update.data?.updateCategory.userErrors, ['name', 'taxClass']);
  const removeErrors = remove.data?.deleteCategory.userErrors.map((e) => e.message) ?? [];
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await doUpdate({ input: { id: category.id, name: String(f.get('name') ?? '').trim(), taxClass: String(f.get('taxClass') ?? '').trim() } });
    if (r.data?.updateCategory.category && r.data.updateCategory.userErrors.length === 0) setEditing(false);
  }
  if (editing) {
    return (
      <tr>
        <td colSpan={3}>
          <form onSubmit={onSubmit} aria-label={`Edit ${category.name}`}>
            <FormErrors messages={errors.general()} />
            {update.error && <RequestError error={update.error} />}
            <TextField label="Name" name="name" required defaultValue={category.name} errors={errors.forField('name')} />
            <TextField label="Tax class" name="taxClass" required defaultValue={category.taxClass} hint={TAX_CLASS_HINT} errors={errors.forField('taxClass')} />
            <button type="submit" disabled={update.fetching}>
              Save
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{category.name}</th>
      <td>{category.taxClass}</td>
      <td>
        <button type="button" className="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${category.name}`}>
          Edit
        </button>{' '}
        <button type="button" className="danger" disabled={remove.fetching} onClick={() => void doRemove({ id: category.id })} aria-label={`Delete ${category.name}`}>
          Delete
        </button>
        {removeErrors.length > 0 && (
          <span className="field-error" role="alert">
            {' '}
            {removeErrors.join(' ')}
          </span>
        )}
        {remove.error && <RequestError error={remove.error} />}
      </td>
    </tr>
  );
}
