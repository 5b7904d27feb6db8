using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Roster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    CommunityId = table.Column<int>(type: "int", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Residence = table.Column<int>(type: "int", nullable: false),
                    BankAccount = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    RegisteredMonth = table.Column<int>(type: "int", nullable: false),
                    ImportKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_Areas_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentMonths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JurisdictionId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdEvents_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Persons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    IdNumber = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    IdTail = table.Column<string>(type: "nchar(4)", fixedLength: true, maxLength: 4, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Sex = table.Column<int>(type: "int", nullable: false),
                    Relationship = table.Column<int>(type: "int", nullable: false),
                    DisabilityCategory = table.Column<int>(type: "int", nullable: true),
                    DisabilityGrade = table.Column<int>(type: "int", nullable: true),
                    WorkCapacity = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    JoinedMonth = table.Column<int>(type: "int", nullable: false),
                    LeftMonth = table.Column<int>(type: "int", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Persons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Persons_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Enrollments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HouseholdId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: true),
                    VariantCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FromMonth = table.Column<int>(type: "int", nullable: false),
                    ToMonth = table.Column<int>(type: "int", nullable: true),
                    StopReason = table.Column<int>(type: "int", nullable: true),
                    StopNote = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LocalExceptionNote = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrollments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrollments_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrollments_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrollments_ProgrammeVariants_VariantCode",
                        column: x => x.VariantCode,
                        principalTable: "ProgrammeVariants",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_HouseholdId",
                table: "Enrollments",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_PersonId",
                table: "Enrollments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrollments_VariantCode_FromMonth_ToMonth",
                table: "Enrollments",
                columns: new[] { "VariantCode", "FromMonth", "ToMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdEvents_HouseholdId_Month",
                table: "HouseholdEvents",
                columns: new[] { "HouseholdId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_CommunityId",
                table: "Households",
                column: "CommunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_JurisdictionId_ImportKey",
                table: "Households",
                columns: new[] { "JurisdictionId", "ImportKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_JurisdictionId_Status",
                table: "Households",
                columns: new[] { "JurisdictionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentMonths_JurisdictionId_Month",
                table: "PaymentMonths",
                columns: new[] { "JurisdictionId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Persons_BirthDate",
                table: "Persons",
                column: "BirthDate");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_HouseholdId_Relationship",
                table: "Persons",
                columns: new[] { "HouseholdId", "Relationship" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_IdNumber_Status",
                table: "Persons",
                columns: new[] { "IdNumber", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_IdTail",
                table: "Persons",
                column: "IdTail");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Name",
                table: "Persons",
                column: "Name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Enrollments");

            migrationBuilder.DropTable(
                name: "HouseholdEvents");

            migrationBuilder.DropTable(
                name: "PaymentMonths");

            migrationBuilder.DropTable(
                name: "Persons");

            migrationBuilder.DropTable(
                name: "Households");
        }
    }
}
