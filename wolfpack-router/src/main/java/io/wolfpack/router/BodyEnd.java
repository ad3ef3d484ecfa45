package io.wolfpack.router;

/**
 * Passed on by a decoder after the last body bytes of a message (right after the head when there
 * is no body). Body bytes themselves travel as plain ByteBufs, without their chunk framing.
 */
enum BodyEnd {
    INSTANCE
}
