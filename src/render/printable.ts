// Text a topology file supplies (names, descriptions, Name tags, assertion names) is shown escaped, never raw:
// an ESC or OSC sequence in a name must not retitle, clear or recolour the user's terminal. Ids already refuse
// control characters; everything else a file says goes through here before it is coloured or printed.

/** `s` with every C0/C1 control character (ESC, BEL, CR, LF, DEL, CSI...) written as a visible \xNN escape. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A rendered line: control characters escaped, except the colour (SGR) sequences the renderer itself wrote. */
export function printableLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(
    /[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]|\u001b(?!\[[0-9;]*m)/g,
    (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
