/// <reference types="vite/client" />

/** Element Plus' per-component stylesheets (side effects only), for components loaded on demand. */
declare module 'element-plus/es/components/*/style/css'
