// WHATWG URL exists in every runtime we target (browsers, Node). Declared here so protocol needs
// neither DOM nor Node typings, which keeps it honest about running on both.
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly href: string;
}
