package io.quorum.api.election;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of decoding bytes from the network: either the message or the reason the bytes
 * were rejected. Decoders return this instead of throwing, because garbage from a peer must never
 * kill a receive loop (ZooKeeper 3.4.14 lost its election receiver thread to one such exception,
 * PROTOCOL.md section 0 item 3).
 *
 * @param <T> the message type
 */
public sealed interface DecodeResult<T> {

    /** The bytes held a valid message. */
    record Decoded<T>(T message) implements DecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(message, "message is null");
        }
    }

    /** The bytes were rejected; {@code reason} says why, for a trace line. */
    record Rejected<T>(String reason) implements DecodeResult<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    /** A decoded message. */
    static <T> DecodeResult<T> decoded(T message) {
        return new Decoded<>(message);
    }

    /** Bytes rejected for {@code reason}. */
    static <T> DecodeResult<T> rejected(String reason) {
        return new Rejected<>(reason);
    }

    /** The message, or empty when the bytes were rejected. */
    default Optional<T> toOptional() {
        return this instanceof Decoded<T> decoded ? Optional.of(decoded.message()) : Optional.empty();
    }

    /** The decoded message transformed by {@code f}, or the same rejection. */
    default <U> DecodeResult<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Decoded<T> decoded) {
            return new Decoded<>(f.apply(decoded.message()));
        }
        return new Rejected<>(((Rejected<T>) this).reason());
    }

    /** Whether the bytes held a valid message. */
    default boolean isDecoded() {
        return this instanceof Decoded;
    }
}
