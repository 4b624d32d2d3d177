package dev.windlass.cli;

import dev.windlass.plugin.WasmExport;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;

/**
 * A plugin interface made at run time for an export named on the command line:
 * {@code byte[] call(byte[] input)} annotated {@code @WasmExport(EXPORT)}, written with the
 * JDK's class-file API and defined in a class loader of its own. The registry then binds it as
 * it binds any interface (Extism's ABI or the Windlass ABI, checked the same way).
 */
final class ExportInterface {

    /** The method's name; its export is the one given. */
    static final String METHOD = "call";

    private ExportInterface() {
    }

    /** {@return an interface whose one method calls {@code export} with bytes and gives bytes} */
    static Class<?> forExport(String export) {
        ClassDesc name = ClassDesc.of("dev.windlass.cli.generated.Export");
        ClassDesc bytes = ConstantDescs.CD_byte.arrayType();
        byte[] classFile = ClassFile.of().build(name, type -> type
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT)
                .withSuperclass(ConstantDescs.CD_Object)
                .withMethod(METHOD, MethodTypeDesc.of(bytes, bytes), ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT,
                        method -> method.with(RuntimeVisibleAnnotationsAttribute.of(Annotation.of(
                                ClassDesc.of(WasmExport.class.getName()), AnnotationElement.ofString("value", export))))));
        return new Loader().define(classFile);
    }

    /** {@return the method that calls the export} */
    static Method method(Class<?> iface) {
        try {
            return iface.getMethod(METHOD, byte[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One generated interface; its parent sees {@link WasmExport}. */
    private static final class Loader extends ClassLoader {

        Loader() {
            super(ExportInterface.class.getClassLoader());
        }

        Class<?> define(byte[] classFile) {
            return defineClass(null, classFile, 0, classFile.length);
        }
    }
}
