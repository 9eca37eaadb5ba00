import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopApp } from '../shared/app/ShopApp';
import '../shared/styles.css';
import { StorefrontApp } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShopApp storageKey="shop.storefront.session">
      <StorefrontApp />
    </ShopApp>
  </StrictMode>,
);
