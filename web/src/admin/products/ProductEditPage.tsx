import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { AdminProductFieldsFragment } from '../../gql/graphql';
import { CategoriesQuery } from '../../shared/catalog/documents';
import { FormErrors, QueryState, RequestError, SelectField, Status, TextAreaField, TextField } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { groupUserErrors } from '../../shared/ui/userErrors';
import { AdjustStockMutation, AdminProductQuery, CreateProductMutation, DeleteProductMutation, UpdateProductMutation } from './documents';

const FIELDS = ['name', 'description', 'categoryId', 'price', 'stock', 'images'];

/** One URL per line; blank lines are dropped. The server validates each URL. */
export function parseImageUrls(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function ProductEditPage() {
  const { id = 'new' } = useParams();
  return id === 'new' ? <NewProduct /> : <EditProduct id={id} />;
}

function NewProduct() {
  const [categories, refetch] = useQuery({ query: CategoriesQuery });
  const [state, create] = useMutation(CreateProductMutation);
  const navigate = useNavigate();
  const errors = groupUserErrors(state.data?.createProduct.userErrors, FIELDS);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (n: string) => String(f.get(n) ?? '').trim();
    const result = await create({
      input: {
        name: v('name'),
        description: v('description') || null,
        categoryId: v('categoryId'),
        price: v('price'),
        stock: Number(v('stock') || '0'),
        images: parseImageUrls(v('images')),
      },
    });
    const product = result.data?.createProduct.product;
    if (product) navigate(`/products/${product.id}`, { state: { notice: `Created ${product.name}.` } });
  }
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <QueryState result={categories} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading categories">
        {({ categories: list }) => (
          <form onSubmit={onSubmit}>
            <FormErrors messages={errors.general()} />
            {state.error && <RequestError error={state.error} />}
            <TextField label="Name" name="name" required errors={errors.forField('name')} />
            <TextAreaField label="Description" name="description" rows={3} errors={errors.forField('description')} />
            <SelectField label="Category" name="categoryId" required errors={errors.forField('categoryId')}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField label="Price" name="price" required inputMode="decimal" hint="e.g. 7.50" errors={errors.forField('price')} />
            <TextField label="Stock" name="stock" type="number" min={0} defaultValue="0" required errors={errors.forField('stock')} />
            <TextAreaField label="Image URLs (one per line)" name="images" rows={3} errors={errors.forField('images')} />
            <button type="submit" disabled={state.fetching}>
              {state.fetching ? 'Creating…' : 'Create product'}
            </button>
          </form>
        )}
      </QueryState>
    </main>
  );
}

function EditProduct({ id }: { id: string }) {
  const [result, refetch] = useQuery({ query: AdminProductQuery, variables: { id } });
  return (
    <main id="main" className="page narrow">
      <p>
        <Link to="/products">← Products</Link>
      </p>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the product">
        {({ product, categories }) =>
          !product ? (
            <p role="alert">No product with this id.</p>
          ) : (
            <>
              <h1>{product.name}</h1>
              {!product.active && <p className="alert warning">Deleted: not on the storefront any more.</p>}
              <p>
                {formatMoney(product.price)} · {product.stock} in stock
              </p>
              <ProductForm product={product} categories={categories} />
              {product.active && <StockForm product={product} />}
              {product.active && <DeleteProduct product={product} />}
            </>
          )
        }
      </QueryState>
    </main>
  );
}

function ProductForm({ product, categories }: { product: AdminProductFieldsFragment; categories: { id: string; name: string }[] }) {
  const [state, update] = useMutation(UpdateProductMutation);
  const [saved, setSaved] = useState(false);
  const errors = groupUserErrors(state.data?.updateProduct.userErrors, FIELDS);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    const v = (n: string) => String(f.get(n) ?? '').trim();
    const result = await update({
      input: {
        id: product.id,
        name: v('name'),
        description: v('description'),
        categoryId: v('categoryId'),
        price: v('price'),
        images: parseImageUrls(v('images')),
      },
    });
    setSaved(result.data?.updateProduct.userErrors.length === 0);
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Name" name="name" required defaultValue={product.name} errors={errors.forField('name')} />
      <TextAreaField label="Description" name="description" rows={3} defaultValue={product.description ?? ''} errors={errors.forField('description')} />
      <SelectField label="Category" name="categoryId" defaultValue={product.category.id} errors={errors.forField('categoryId')}>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField label="Price" name="price" required inputMode="decimal" defaultValue={product.price.amount} errors={errors.forField('price')} />
      <TextAreaField label="Image URLs (one per line)" name="images" rows={3} defaultValue={product.images.join('\n')} errors={errors.forField('images')} />
      {product.images.length > 0 && (
        <div className="gallery small">
          {product.images.map((src, i) => (
            <img key={src} src={src} alt={`${product.name}, picture ${i + 1}`} />
          ))}
        </div>
      )}
      <button type="submit" disabled={state.fetching}>
        Save
      </button>
      {saved && <Status>Saved.</Status>}
    </form>
  );
}

function StockForm({ product }: { product: AdminProductFieldsFragment }) {
  const [state, adjust] = useMutation(AdjustStockMutation);
  const [done, setDone] = useState<string | null>(null);
  const errors = groupUserErrors(state.data?.adjustStock.userErrors, ['delta']);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    const form = e.currentTarget;
    const delta = Number(new FormData(form).get('delta'));
    const result = await adjust({ input: { productId: product.id, delta } });
    const p = result.data?.adjustStock.product;
    if (p && result.data?.adjustStock.userErrors.length === 0) {
      setDone(`Stock is now ${p.stock}.`);
      form.reset();
    }
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="stock-title">
      <h2 id="stock-title">Adjust stock</h2>
      <FormErrors messages={errors.general()} />
      {state.error && <RequestError error={state.error} />}
      <TextField label="Units to add (negative to remove)" name="delta" type="number" required errors={errors.forField('delta')} />
      <button type="submit" disabled={state.fetching}>
        Adjust
      </button>
      {done && <Status>{done}</Status>}
    </form>
  );
}

function DeleteProduct({ product }: { product: AdminProductFieldsFragment }) {
  const [state, remove] = useMutation(DeleteProductMutation);
  const [confirming, setConfirming] = useState(false);
  const errors = state.data?.deleteProduct.userErrors ?? [];
  return (
    <section className="danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete</h2>
      <p>Takes the product off the storefront; past orders still show it.</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      {state.error && <RequestError error={state.error} />}
      {confirming ? (
        <>
          <button type="button" className="danger" disabled={state.fetching} onClick={() => void remove({ id: product.id })}>
            Yes, delete {product.name}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </section>
  );
}
