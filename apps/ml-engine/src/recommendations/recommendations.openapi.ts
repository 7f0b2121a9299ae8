import { type OpenApiRegistrar } from '@platform/service-kit';

/** The recommendations routes' OpenAPI paths (replace with the real ones). */
export const registerRecommendationsPaths: OpenApiRegistrar = () => {
  throw new Error('recommendations paths: not built yet');
};
