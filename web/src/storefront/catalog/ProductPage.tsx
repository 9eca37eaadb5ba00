import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../../shared/ui/components';
import { formatMoney } from '../../shared/ui/format';
import { AddToCartButton } from '../cart/AddToCartButton';
import { ProductQuery } from './documents';

export function ProductPage() {
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: ProductQuery, variables: { id } });
  const [quantity, setQuantity] = useState(1);
  return (
    <main id="main" className="page product">
      <p>
        <Link to="/">← Back to the catalog</Link>
      </p>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading the product">
        {({ product }) =>
          !product ? (
            <p role="alert">This product does not exist.</p>
          ) : (
            <article className="product-detail">
              <h1>{product.name}</h1>
              <div className="gallery">
                {product.images.length === 0 && <div className="no-image" aria-hidden="true" />}
                {product.images.map((src, i) => (
                  <img key={src} src={src} alt={`${product.name}, picture ${i + 1}`} />
                ))}
              </div>
              <p className="muted">{product.category.name}</p>
              <p className="price">{formatMoney(product.price)}</p>
              {!product.active ? (
                <p className="stock out">No longer sold.</p>
              ) : (
                <p className={product.available ? 'stock' : 'stock out'}>
                  {product.available ? `${product.stock} in stock` : 'Sold out'}
                </p>
              )}
              {product.description && <p className="description">{product.description}</p>}
              {product.available && (
                <div className="buy">
                  <label>
                    Quantity{' '}
                    <input
                      type="number"
                      min={1}
                      max={Math.min(99, product.stock)}
                      value={quantity}
                      onChange={(e) => setQuantity(Math.max(1, Number(e.target.value) || 1))}
                    />
                  </label>
                  <AddToCartButton productId={product.id} productName={product.name} quantity={quantity} />
                </div>
              )}
            </article>
          )
        }
      </QueryState>
    </main>
  );
}
