import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopApp } from '../shared/app/ShopApp';
import '../shared/styles.css';
import { AdminApp } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ShopApp storageKey="shop.admin.session">
      <AdminApp />
    </ShopApp>
  </StrictMode>,
);
