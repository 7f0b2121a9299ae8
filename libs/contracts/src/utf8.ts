const encoder = new TextEncoder();

/** The UTF-8 length of a string in bytes (in Node and in the browser alike: the web app compiles these schemas too). */
export const utf8Bytes = (s: string): number => encoder.encode(s).length;
