// A small, strict XML 1.0 parser for the tests: it throws on anything not well-formed (unbalanced or
// mis-nested tags, unquoted or duplicate attributes, a raw `<` or `&` in text or attribute values,
// unknown entities, characters XML cannot carry, more than one root) and returns the element tree,
// with entities decoded, so a test can check what a report says as well as that it parses.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isNameStart(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    character === "_" ||
    character === ":" ||
    code > 127
  );
}

function isNameCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return isNameStart(character) || (code >= 48 && code <= 57) || character === "-" || character === ".";
}

function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export function parseXml(source: string): XmlElement {
  for (const character of source) {
    const code = character.codePointAt(0)!;
    if (!isXmlCharacter(code)) throw new Error(`character U+${code.toString(16)} is not allowed in XML`);
  }
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(
      `${message} at offset ${position}: ${JSON.stringify(source.slice(position, position + 30))}`,
    );
  };
  const skipSpace = () => {
    while (" \t\r\n".includes(source[position] ?? "x")) position += 1;
  };
  const readName = (): string => {
    const start = position;
    if (!isNameStart(source[position] ?? "")) fail("expected a name");
    while (position < source.length && isNameCharacter(source[position]!)) position += 1;
    return source.slice(start, position);
  };
  const decode = (raw: string): string => {
    let out = "";
    for (let index = 0; index < raw.length; index += 1) {
      const character = raw[index]!;
      if (character === "<") fail("a raw '<' in character data");
      if (character !== "&") {
        out += character;
        continue;
      }
      const end = raw.indexOf(";", index);
      if (end < 0) fail("an '&' that starts no entity");
      const entity = raw.slice(index + 1, end);
      if (entity.startsWith("#x")) out += String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
      else if (entity.startsWith("#")) out += String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
      else if (namedEntities[entity] !== undefined) out += namedEntities[entity];
      else fail(`unknown entity &${entity};`);
      index = end;
    }
    return out;
  };
  const readElement = (): XmlElement => {
    if (source[position] !== "<") fail("expected '<'");
    position += 1;
    const name = readName();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = position;
      skipSpace();
      if (source.startsWith("/>", position)) {
        position += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (source[position] === ">") {
        position += 1;
        break;
      }
      if (position === before) fail("expected whitespace before an attribute");
      const attribute = readName();
      skipSpace();
      if (source[position] !== "=") fail(`attribute ${attribute} has no '='`);
      position += 1;
      skipSpace();
      const quote = source[position];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} is not quoted`);
      const end = source.indexOf(quote!, position + 1);
      if (end < 0) fail(`attribute ${attribute} is not closed`);
      if (attribute in attributes) fail(`duplicate attribute ${attribute}`);
      attributes[attribute] = decode(source.slice(position + 1, end));
      position = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      if (position >= source.length) fail(`<${name}> is never closed`);
      if (source.startsWith("</", position)) {
        position += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        skipSpace();
        if (source[position] !== ">") fail("expected '>'");
        position += 1;
        return { name, attributes, children, text };
      }
      if (source[position] === "<") {
        children.push(readElement());
        continue;
      }
      const next = source.indexOf("<", position);
      const end = next < 0 ? source.length : next;
      text += decode(source.slice(position, end));
      position = end;
    }
  };
  if (source.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    position = end + 2;
  }
  skipSpace();
  const root = readElement();
  skipSpace();
  if (position !== source.length) fail("content after the root element");
  return root;
}
