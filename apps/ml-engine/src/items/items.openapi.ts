import { type OpenApiRegistrar } from '@platform/service-kit';

/** The items routes' OpenAPI paths (replace with the real ones). */
export const registerItemsPaths: OpenApiRegistrar = () => {
  throw new Error('items paths: not built yet');
};
