import { type OpenApiRegistrar } from '@platform/service-kit';

/** The training routes' OpenAPI paths (replace with the real ones). */
export const registerTrainingPaths: OpenApiRegistrar = () => {
  throw new Error('training paths: not built yet');
};
