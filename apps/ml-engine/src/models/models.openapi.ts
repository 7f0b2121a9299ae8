import { type OpenApiRegistrar } from '@platform/service-kit';

/** The models routes' OpenAPI paths (replace with the real ones). */
export const registerModelsPaths: OpenApiRegistrar = () => {
  throw new Error('models paths: not built yet');
};
