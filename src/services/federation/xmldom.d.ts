/**
 * The part of @xmldom/xmldom's parser that saml-metadata.ts uses. Its own typings reference
 * TypeScript's DOM library, which would retype fetch, Response and the rest for the whole program
 * (built for Node's types alone), so the parser is imported from its module file with these.
 */
declare module '@xmldom/xmldom/lib/dom-parser.js' {
  export interface XmlNode {
    readonly nodeType: number;
    readonly namespaceURI: string | null;
    readonly localName: string | null;
    readonly textContent: string | null;
    readonly childNodes: ArrayLike<XmlNode>;
  }
  export interface XmlElement extends XmlNode {
    getAttribute(name: string): string | null;
  }
  export interface XmlDocument {
    readonly documentElement: XmlElement | null;
  }
  type Report = (message: string) => void;
  export class DOMParser {
    constructor(options?: { errorHandler?: { warning?: Report; error?: Report; fatalError?: Report } });
    parseFromString(source: string, mimeType: string): XmlDocument | undefined;
  }
}
