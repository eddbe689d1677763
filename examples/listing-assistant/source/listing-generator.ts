// The seam between the app and whatever writes the listing text.
//
// The app ships `localListingGenerator` (local-engine.ts): templates and keyword scoring, no
// network, the same text for the same attributes. A real language model belongs behind the
// platform server, never in the app: the app's own backend holds the model's key, checks the
// session token from `app.auth.sessionToken()` (verifySessionToken in @jingmai/platform), calls
// the model and returns a `Listing`. In the app that is one more implementation of this interface
// that POSTs the attributes to that backend; the manifest then lists the backend's origin in
// `network.origins` (its CSP connect-src) and asks for the `auth:session` scope.
import type { Language, Listing, ProductAttributes } from './listing.js';

/** Writes a product's listing in one language. */
export interface ListingGenerator {
  generate(attributes: ProductAttributes, language: Language): Promise<Listing>;
}
