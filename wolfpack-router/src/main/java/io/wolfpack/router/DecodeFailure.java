package io.wolfpack.router;

/**
 * What a decoder passes on instead of a message it cannot read; it reads nothing more after it.
 *
 * @param cause  what was wrong
 * @param inHead true when the head was bad (a status can still be answered), false for broken body framing
 */
record DecodeFailure(HttpParseException cause, boolean inHead) {
}
