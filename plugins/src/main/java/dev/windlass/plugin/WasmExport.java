package dev.windlass.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the export a method of a {@link WasmPlugin} interface calls, when it differs from the method's name. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WasmExport {

    /** {@return the export's name}, exactly as the module spells it */
    String value();
}
