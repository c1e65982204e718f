/**
 * English for the hosted page's own messages (an invalid link, a page opened outside its host, a
 * hand-off link being redeemed). Only apps/hosted shows them, so they stay out of the widget's bundle;
 * other languages have them in their served catalogs like every key.
 */
export const enHosted = {
  'hosted.invalid': 'This connect link is not valid. Start again from the app you are connecting.',
  'hosted.notEmbedded': 'Open this page from the app you are connecting.',
  'hosted.noOrigins': 'This session cannot be embedded on this site.',
  'hosted.redeeming': 'Opening the secure link…',
  'hosted.redeemFailed': 'This link cannot be opened. Ask the person who sent it for a new one.',
} as const;
