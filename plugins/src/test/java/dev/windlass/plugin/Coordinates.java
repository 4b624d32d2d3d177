package dev.windlass.plugin;

/** A record the JSON codec carries (public: Jackson reads it from another module). */
public record Coordinates(int x, int y) {
}
